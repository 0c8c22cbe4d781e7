import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

/** `sitrep publish` against a database of its own, read back with the sqlite3 driver. */
describe('sitrep publish', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const sitrep = (args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const stored = (id: string): Promise<{ format: string; sha256: string; body: string }[]> =>
    new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path.join(dir, 'publish.sqlite'));
      db.all('SELECT format, sha256, body FROM edition_formats WHERE edition_id = ?', [id], (err, rows) => {
        db.close();
        if (err) reject(err);
        else resolve(rows as { format: string; sha256: string; body: string }[]);
      });
    });

  beforeAll(() => {
    if (!fs.existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build`');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-publish-'));
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: `sqlite:${path.join(dir, 'publish.sqlite')}`,
    };
    expect(sitrep(['migrate']).status).toBe(0);
    expect(sitrep(['seed']).status).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the edition id and the SHA-256 of each stored format, numbering editions 1, 2', async () => {
    const first = sitrep(['publish', '--date', '2025-11-15', '--fronts', 'gaza,iran', '--tz', 'Asia/Jerusalem']);
    expect(first).toMatchObject({ status: 0, stderr: '' });
    const lines = first.stdout.trim().split('\n');
    const id = /^edition ([0-9a-f-]{36})$/.exec(lines[0])?.[1];
    expect(id).toBeDefined();
    expect(lines[1]).toMatch(/^number 1 of 2025-11-15 \(gaza,iran, Asia\/Jerusalem\), cutoff \d{4}-/);
    const printed = Object.fromEntries(lines.slice(2).map((l) => l.split(/\s+/) as [string, string]));
    expect(Object.keys(printed).sort()).toEqual(['EMAIL', 'HTML', 'MARKDOWN', 'TEXT']);
    for (const row of await stored(id!)) {
      expect(printed[row.format]).toBe(row.sha256);
      expect(createHash('sha256').update(Buffer.from(row.body, 'base64')).digest('hex')).toBe(row.sha256);
    }
    const second = sitrep(['publish', '--date', '2025-11-15', '--fronts', 'iran,gaza', '--tz', 'Asia/Jerusalem']);
    expect(second.stdout).toMatch(/^number 2 of 2025-11-15 \(gaza,iran/m);
    // Nothing changed in between: the same bytes under the next number.
    expect(second.stdout.split('\n').slice(2)).toEqual(first.stdout.split('\n').slice(2));
  });

  it('refuses a bad date, a future cutoff and an unknown front with a message and a non-zero exit', () => {
    expect(sitrep(['publish', '--date', '2025-02-30'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('date') as unknown,
    });
    expect(sitrep(['publish', '--date', '2025-11-15', '--cutoff', '2999-01-01T00:00:00Z'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('cutoff: is in the future') as unknown,
    });
    expect(sitrep(['publish', '--date', '2025-11-15', '--cutoff', 'yesterday'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('cutoff') as unknown,
    });
    expect(sitrep(['publish', '--date', '2025-11-15', '--fronts', 'atlantis'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('unknown front "atlantis"') as unknown,
    });
    expect(sitrep(['publish'])).toMatchObject({ status: 1, stderr: expect.stringContaining('--date') as unknown });
  });
});
