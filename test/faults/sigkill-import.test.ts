import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, fileSize, runCli, sleep, sqliteQuery, startCli, writeEventsFile } from './cli-support';

/**
 * `sitrep import` of 50,000 events killed with SIGKILL in the middle of its write transaction (seen by the WAL
 * file growing: SQLite writes it only inside a write transaction) leaves the database consistent: integrity_check
 * ok, not one event of the file present, the seeded data untouched. Importing the file again then completes.
 */

const EVENTS = Number(process.env.SITREP_KILL_IMPORT_EVENTS ?? 50_000);
/** WAL growth past the size it had before the import that proves the transaction is writing. */
const WAL_GROWTH = 4 * 1024 * 1024;

describe('SIGKILL during sitrep import (SQLite)', () => {
  let dir: string;
  let dbFile: string;
  let eventsFile: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-kill-'));
    dbFile = path.join(dir, 'sitrep.sqlite');
    eventsFile = path.join(dir, 'events.ndjson');
    // LOG_LEVEL error: a slow-statement warning on a busy machine is not what the empty stderr below is about.
    env = { DATABASE_URL: `sqlite:${dbFile}`, LOG_LEVEL: 'error' };
    writeEventsFile(eventsFile, EVENTS, 'kill');
    const migrated = await runCli(['migrate'], env);
    expect(migrated.code).toBe(0);
    const seeded = await runCli(['seed'], env);
    expect(seeded.code).toBe(0);
  }, 120_000);

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`is all or nothing: killed mid-transaction, nothing of the file is stored; run again, all ${EVENTS} are`, async () => {
    const seededEvents = (await sqliteQuery<{ n: number }>(dbFile, 'SELECT COUNT(*) AS n FROM events'))[0].n;
    const seededDump = JSON.stringify(await sqliteQuery(dbFile, 'SELECT * FROM events ORDER BY id'));
    const wal = `${dbFile}-wal`;
    const walBefore = fileSize(wal);

    const run = startCli(['import', eventsFile], env);
    const started = Date.now();
    let walAtKill = 0;
    while (Date.now() - started < 120_000) {
      walAtKill = fileSize(wal);
      if (walAtKill > walBefore + WAL_GROWTH) break;
      if (run.child.exitCode !== null) break;
      await sleep(20);
    }
    run.child.kill('SIGKILL');
    const killed = await run.done;
    // It died by the signal, inside the transaction (the WAL was being written), not after finishing.
    expect(killed.signal).toBe('SIGKILL');
    expect(walAtKill).toBeGreaterThan(walBefore + WAL_GROWTH);
    process.stdout.write(
      `killed after ${Date.now() - started} ms with the WAL at ${(walAtKill / 1e6).toFixed(1)} MB\n`,
    );

    // Consistent, and nothing of the file: the WAL's uncommitted frames are ignored on the next open.
    expect(await sqliteQuery(dbFile, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await sqliteQuery(dbFile, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(
      (await sqliteQuery<{ n: number }>(dbFile, "SELECT COUNT(*) AS n FROM events WHERE external_id LIKE 'kill-%'"))[0]
        .n,
    ).toBe(0);
    expect(
      (await sqliteQuery<{ n: number }>(dbFile, "SELECT COUNT(*) AS n FROM sources WHERE title LIKE 'Report %'"))[0].n,
    ).toBe(0);
    expect((await sqliteQuery<{ n: number }>(dbFile, 'SELECT COUNT(*) AS n FROM events'))[0].n).toBe(seededEvents);
    expect(JSON.stringify(await sqliteQuery(dbFile, 'SELECT * FROM events ORDER BY id'))).toBe(seededDump);

    // Run again: it completes, with every event.
    const again = await runCli(['import', eventsFile], env);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Imported ${EVENTS} events: ${EVENTS} created, 0 updated, 0 unchanged.`);
    expect(
      (await sqliteQuery<{ n: number }>(dbFile, "SELECT COUNT(*) AS n FROM events WHERE external_id LIKE 'kill-%'"))[0]
        .n,
    ).toBe(EVENTS);
    expect((await sqliteQuery<{ n: number }>(dbFile, 'SELECT COUNT(*) AS n FROM events'))[0].n).toBe(
      seededEvents + EVENTS,
    );
    expect(await sqliteQuery(dbFile, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  }, 300_000);
});
