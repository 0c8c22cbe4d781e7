import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, runCli, sqliteQuery } from '../faults/cli-support';

/**
 * `sitrep import` streams its file: an ~100 MB NDJSON file imports in a 96 MB heap, where reading it whole (the
 * text alone is larger than the heap) dies; a bad line near its end is still reported by number with nothing
 * written; and a file that cannot be read is a message and a non-zero exit, never a stack trace.
 */

// The CLI itself takes about 40 MB of heap before it reads a line (its modules, the schema, the database driver),
// so 64 MB left too little room for GC to work in and failed now and then; 96 MB leaves some, and the file is still
// larger than the heap.
const HEAP_MB = 96;
const EVENTS = 5_400;
const FILLER = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(330).slice(0, 19_000);

function writeBigFile(file: string, prefix: string, badAt?: number): void {
  const out = fs.openSync(file, 'w');
  try {
    let lines: string[] = [];
    for (let i = 0; i < EVENTS; i++) {
      lines.push(
        JSON.stringify({
          externalId: `${prefix}-${i}`,
          date: i === badAt ? '2025-02-30' : '2024-03-01',
          title: `Big event ${i}`,
          summary: `${FILLER} ${i}`,
          kind: 'STATEMENT',
          significance: 1,
          fronts: ['gaza'],
          sources: [{ publisher: 'Wire', title: `Report ${i}` }],
        }),
      );
      if (lines.length === 200) {
        fs.writeSync(out, `${lines.join('\n')}\n`);
        lines = [];
      }
    }
    if (lines.length > 0) fs.writeSync(out, `${lines.join('\n')}\n`);
  } finally {
    fs.closeSync(out);
  }
}

describe('sitrep import of a file larger than the heap', () => {
  let dir: string;
  let env: Record<string, string>;
  const events = async (prefix: string): Promise<number> =>
    (
      await sqliteQuery<{ n: number }>(
        path.join(dir, 'big.sqlite'),
        `SELECT COUNT(*) AS n FROM events WHERE external_id LIKE '${prefix}-%'`,
      )
    )[0].n;

  beforeAll(async () => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-import-stream-'));
    // LOG_LEVEL error: a slow-statement warning on a busy machine is not what the empty stderr below is about.
    env = { DATABASE_URL: `sqlite:${path.join(dir, 'big.sqlite')}`, LOG_LEVEL: 'error' };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    expect((await runCli(['seed'], env)).code).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports a bad line near the end by its number and writes nothing', async () => {
    const file = path.join(dir, 'bad.ndjson');
    writeBigFile(file, 'bad', EVENTS - 3);
    expect(fs.statSync(file).size).toBeGreaterThan(HEAP_MB * 1024 * 1024);
    const result = await runCli(['import', file], { ...env, NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` });
    expect(result.stderr).toContain(`Rejected 1 of ${EVENTS} records; nothing was imported.`);
    expect(result.stderr).toContain(`line ${EVENTS - 2}: event.date: must be a real date`);
    expect(result.code).toBe(1);
    expect(await events('bad')).toBe(0);
  }, 180_000);

  it('imports every event with bounded memory', async () => {
    const file = path.join(dir, 'good.ndjson');
    writeBigFile(file, 'good');
    const result = await runCli(['import', file], { ...env, NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`Imported ${EVENTS} events: ${EVENTS} created, 0 updated, 0 unchanged.\n`);
    expect(result.code).toBe(0);
    expect(await events('good')).toBe(EVENTS);
  }, 180_000);

  it('answers a file it cannot read with a message and exit 1, not a stack trace', async () => {
    const result = await runCli(['import', dir], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sitrep: cannot read .*EISDIR/);
    expect(result.stderr).not.toMatch(/\bat \S+ \(|unexpected error/);
  }, 60_000);
});
