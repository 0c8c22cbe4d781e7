import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { eventInput } from '../api/fixtures';
import {
  createKeyWithCli,
  ensureBuilt,
  runCli,
  ServerProcess,
  sqliteQuery,
  startCli,
  startServerProcess,
  writeEventsFile,
} from './cli-support';

/**
 * Several processes writing one SQLite file at once: two servers taking concurrent createEvent mutations while two
 * CLI imports run. Every write must land (counts add up exactly), no client sees an error (SQLITE_BUSY or any
 * other), no process logs one, and the file passes integrity_check. Cross-process writers wait for each other
 * because every write transaction starts with BEGIN IMMEDIATE under a busy timeout (src/db/dialect.ts).
 */

const PER_SERVER = 60;
const CONCURRENCY = 4;
const IMPORT_A = 3_000;
const IMPORT_B = 1_000;

const CREATE = 'mutation($input: EventCreateInput!) { createEvent(input: $input) { id } }';

async function createMany(server: ServerProcess, key: string, label: string): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < PER_SERVER) {
      const i = next++;
      try {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({
            query: CREATE,
            variables: { input: eventInput({ title: `concurrent ${label} ${i}` }) },
          }),
        });
        const body = (await response.json()) as { data?: { createEvent?: { id: string } }; errors?: unknown[] };
        if (response.status !== 200 || body.errors !== undefined || !body.data?.createEvent?.id)
          problems.push(`${label} ${i}: ${response.status} ${JSON.stringify(body)}`);
      } catch (error) {
        problems.push(`${label} ${i}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return problems;
}

describe('two processes writing one SQLite file', () => {
  let dir: string;
  let env: Record<string, string>;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-writers-'));
    env = { DATABASE_URL: `sqlite:${path.join(dir, 'sitrep.sqlite')}`, SITREP_RATE_LIMIT_MUTATIONS: '0' };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    expect((await runCli(['seed'], env)).code).toBe(0);
    writeEventsFile(path.join(dir, 'a.ndjson'), IMPORT_A, 'writer-a');
    writeEventsFile(path.join(dir, 'b.ndjson'), IMPORT_B, 'writer-b');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loses no write and shows no SQLITE_BUSY to anyone', async () => {
    const key = await createKeyWithCli(env, 'editor');
    servers.push(await startServerProcess(env), await startServerProcess(env));
    const before = (
      await sqliteQuery<{ n: number }>(env.DATABASE_URL.slice('sqlite:'.length), 'SELECT COUNT(*) AS n FROM events')
    )[0].n;

    const importA = startCli(['import', path.join(dir, 'a.ndjson')], env).done;
    const importB = startCli(['import', path.join(dir, 'b.ndjson')], env).done;
    const [problemsA, problemsB, resultA, resultB] = await Promise.all([
      createMany(servers[0], key, 'one'),
      createMany(servers[1], key, 'two'),
      importA,
      importB,
    ]);

    const serverErrors = servers
      .flatMap((s) =>
        s
          .log()
          .split('\n')
          .filter((line) => line.includes('"level":"error"')),
      )
      .slice(0, 3);
    expect({ problems: [...problemsA, ...problemsB].slice(0, 5), serverErrors }).toEqual({
      problems: [],
      serverErrors: [],
    });
    // Waiting for the other writers shows up as a "sql slow" warning on BEGIN IMMEDIATE; never as an error.
    const NO_ERROR = /BUSY|database is locked|"level":"error"|unexpected error/;
    expect(resultA.stderr).not.toMatch(NO_ERROR);
    expect(resultA.code).toBe(0);
    expect(resultB.stderr).not.toMatch(NO_ERROR);
    expect(resultB.code).toBe(0);
    for (const server of servers) expect(server.log()).not.toMatch(NO_ERROR);
    const waits =
      [resultA.stderr, resultB.stderr, ...servers.map((s) => s.log())].join('').match(/"query":"BEGIN IMMEDIATE"/g)
        ?.length ?? 0;
    process.stdout.write(`writers waited on another process's transaction ${waits} time(s) for over 1 s\n`);

    const file = env.DATABASE_URL.slice('sqlite:'.length);
    const count = async (where: string): Promise<number> =>
      (await sqliteQuery<{ n: number }>(file, `SELECT COUNT(*) AS n FROM events WHERE ${where}`))[0].n;
    expect(await count("title LIKE 'concurrent one %'")).toBe(PER_SERVER);
    expect(await count("title LIKE 'concurrent two %'")).toBe(PER_SERVER);
    expect(await count("external_id LIKE 'writer-a-%'")).toBe(IMPORT_A);
    expect(await count("external_id LIKE 'writer-b-%'")).toBe(IMPORT_B);
    expect(await count('1 = 1')).toBe(before + 2 * PER_SERVER + IMPORT_A + IMPORT_B);
    // Each create is logged once in the change log, so readers of changes miss none either.
    expect(
      (
        await sqliteQuery<{ n: number }>(
          file,
          "SELECT COUNT(DISTINCT entity_id) AS n FROM change_log WHERE title LIKE 'concurrent %'",
        )
      )[0].n,
    ).toBe(2 * PER_SERVER);
    expect(await sqliteQuery(file, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  }, 240_000);

  it('a write waits out another process holding the write lock past the busy timeout (a long import), then lands', async () => {
    const file = env.DATABASE_URL.slice('sqlite:'.length);
    const key = await createKeyWithCli(env, 'editor');
    if (servers.length === 0) servers.push(await startServerProcess(env));
    // Another process's write transaction, held longer than SQLite's 10 s busy timeout.
    const holder = new sqlite3.Database(file);
    const exec = (sql: string): Promise<void> =>
      new Promise((resolve, reject) => holder.exec(sql, (error) => (error ? reject(error) : resolve())));
    await exec('PRAGMA busy_timeout = 10000; BEGIN IMMEDIATE');
    const started = Date.now();
    const write = fetch(`${servers[0].url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: CREATE, variables: { input: eventInput({ title: 'waited for the lock' }) } }),
    }).then((r) => r.json() as Promise<{ data?: { createEvent?: { id: string } }; errors?: unknown[] }>);
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    await exec('COMMIT');
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    const body = await write;
    expect(body.errors).toBeUndefined();
    expect(body.data?.createEvent?.id).toEqual(expect.any(String));
    expect(Date.now() - started).toBeGreaterThanOrEqual(12_000);
    expect(
      (
        await sqliteQuery<{ n: number }>(file, "SELECT COUNT(*) AS n FROM events WHERE title = 'waited for the lock'")
      )[0].n,
    ).toBe(1);
  }, 120_000);
});
