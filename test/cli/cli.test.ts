import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { eventInput } from '../api/fixtures';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('the sitrep CLI', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const sitrep = (args: string[], extraEnv: NodeJS.ProcessEnv = {}): Run => {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      env: { ...env, ...extraEnv },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const count = (): Promise<number> => {
    const out = sitrep(['import', '--help']);
    expect(out.status).toBe(0);
    return new Promise<number>((resolve, reject) => {
      const db = new sqlite3.Database(path.join(dir, 'cli.sqlite'));
      db.get(
        'SELECT COUNT(*) AS n FROM events',
        (err, row: { n: number }) => (db.close(), err ? reject(err) : resolve(row.n)),
      );
    });
  };

  beforeAll(() => {
    if (!fs.existsSync(CLI))
      throw new Error('dist/ is missing: `npm test` builds it first (pretest); run `npm run build`');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-cli-'));
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: `sqlite:${path.join(dir, 'cli.sqlite')}`,
    };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates, then reports the database up to date', () => {
    expect(sitrep(['migrate'])).toMatchObject({ status: 0, stdout: expect.stringContaining('Applied') as unknown });
    expect(sitrep(['migrate'])).toMatchObject({ status: 0, stdout: 'Database is up to date.\n' });
  });

  it('seeds, and seeding twice changes nothing', async () => {
    const first = sitrep(['seed']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/events: \d+ created, 0 updated, 0 unchanged/);
    const second = sitrep(['seed']);
    expect(second.stdout).toMatch(/events: 0 created, 0 updated, \d+ unchanged/);
  });

  it('creates a key shown once on the last line, lists it by prefix only, and revokes it', () => {
    const created = sitrep(['keys', 'create', '--role', 'editor', '--name', 'ci bot']);
    expect(created.status).toBe(0);
    const key = created.stdout.trim().split('\n').pop()!;
    expect(key).toMatch(/^sitrep_[\w-]{43}$/);
    const listed = sitrep(['keys', 'list']);
    expect(listed.stdout).toContain('ci bot');
    expect(listed.stdout).toContain(key.slice(0, 13));
    expect(listed.stdout).not.toContain(key);
    const id = listed.stdout
      .split('\n')
      .find((l) => l.includes('ci bot'))!
      .split(/\s+/)[0];
    expect(sitrep(['keys', 'revoke', id])).toMatchObject({ status: 0 });
    expect(sitrep(['keys', 'list']).stdout).toMatch(/ci bot.*REVOKED/);
  });

  it('refuses a bad role, a missing name and an unknown key with a message and a non-zero exit', () => {
    expect(sitrep(['keys', 'create', '--role', 'admin', '--name', 'x'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('role') as unknown,
    });
    expect(sitrep(['keys', 'create'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('--name') as unknown,
    });
    expect(sitrep(['keys', 'revoke', 'nope'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('not found') as unknown,
    });
  });

  it('imports NDJSON, reports rejected lines with their numbers, and imports nothing when any line is bad', async () => {
    const file = path.join(dir, 'events.ndjson');
    const good = (n: number): string => JSON.stringify(eventInput({ externalId: `cli:${n}`, title: `CLI ${n}` }));
    fs.writeFileSync(
      file,
      [
        good(1),
        '',
        '{not json',
        good(2),
        JSON.stringify(eventInput({ externalId: 'cli:3', date: '2025-02-30' })),
        good(4),
      ].join('\n'),
    );
    const before = await count();
    const rejected = sitrep(['import', file]);
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toContain('Rejected 2 of 5 records; nothing was imported.');
    expect(rejected.stderr).toMatch(/line 3: not valid JSON/);
    expect(rejected.stderr).toMatch(/line 5: event\.date: must be a real date/);
    expect(await count()).toBe(before);

    fs.writeFileSync(file, [good(1), good(2), good(4)].join('\n'));
    expect(sitrep(['import', file])).toMatchObject({
      status: 0,
      stdout: 'Imported 3 events: 3 created, 0 updated, 0 unchanged.\n',
    });
    expect(sitrep(['import', file])).toMatchObject({
      status: 0,
      stdout: 'Imported 3 events: 0 created, 0 updated, 3 unchanged.\n',
    });
    expect(await count()).toBe(before + 3);
  });

  it('imports a JSON array and reports a bad element by the line it starts on', () => {
    const file = path.join(dir, 'events.json');
    const items = [eventInput({ externalId: 'arr:1' }), eventInput({ externalId: 'arr:2', fronts: ['atlantis'] })];
    fs.writeFileSync(file, JSON.stringify(items, null, 2));
    const secondStarts =
      JSON.stringify(items, null, 2)
        .split('\n')
        .findIndex((line, i) => i > 0 && line === '  {' && i > 2) + 1;
    const rejected = sitrep(['import', file]);
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toContain(`line ${secondStarts}: event.fronts[0]: unknown front "atlantis"`);
  });

  it('says so when the file does not exist', () => {
    expect(sitrep(['import', path.join(dir, 'missing.ndjson')])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('no such file') as unknown,
    });
  });

  it('stops with a clear message on bad configuration', () => {
    expect(sitrep(['migrate'], { DATABASE_URL: 'mysql://x' })).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('DATABASE_URL must start with sqlite: or postgres://') as unknown,
    });
    expect(sitrep(['migrate'], { PORT: 'eighty' })).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('PORT') as unknown,
    });
    expect(sitrep(['migrate'], { LOG_LEVEL: 'loud' })).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('LOG_LEVEL') as unknown,
    });
  });

  it('renders with --tz in any spelling under its IANA name, and refuses an overlong one', () => {
    const odd = sitrep([
      'render',
      '--date',
      '2025-11-15',
      '--format',
      'text',
      '--fronts',
      'gaza',
      '--tz',
      'aSiA/jErUsAlEm',
    ]);
    expect(odd.status).toBe(0);
    expect(odd.stdout).toContain('Timezone:  Asia/Jerusalem');
    expect(odd.stdout).not.toContain('aSiA');
    const long = sitrep(['render', '--date', '2025-11-15', '--format', 'text', '--tz', `Asia/${'x'.repeat(60)}`]);
    expect(long.status).not.toBe(0);
    expect(long.stderr).toContain('timezone');
    expect(long.stderr).not.toContain('x'.repeat(60));
  });

  it('rejects an unknown command', () => {
    expect(sitrep(['frobnicate']).status).not.toBe(0);
  });
});
