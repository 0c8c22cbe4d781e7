import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { eventInput } from '../api/fixtures';
import { POSTGRES_ADMIN_URL, POSTGRES_FLAG } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';

/**
 * A PostgreSQL restart under load: the server stays up, requests during the restart fail cleanly (a GraphQL
 * error with a code, or 503 from /readyz; never a crash, a hang or a 5xx from /graphql), /readyz goes 503 and then
 * 200 again, and after the restart reads and writes succeed.
 *
 * It restarts the shared local PostgreSQL, which disturbs anything else using it, so it runs only when asked:
 * SITREP_TEST_PG_RESTART=1 (and PostgreSQL reachable, and pg_ctlcluster available to this user). `.ci/run` sets it:
 * CI's PostgreSQL serves that run alone.
 */

const run = promisify(execFile);
const wanted = process.env.SITREP_TEST_PG_RESTART === '1' && process.env[POSTGRES_FLAG] === 'true';
const VERSION = fs.existsSync('/etc/postgresql') ? (fs.readdirSync('/etc/postgresql').sort().pop() ?? '15') : '15';

async function postgresUp(): Promise<boolean> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface Sample {
  at: number;
  what: 'readyz' | 'query' | 'mutation';
  status: number;
  code?: string;
}

(wanted ? describe : describe.skip)('PostgreSQL restart during load [postgres]', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('postgres', {
      SITREP_RATE_LIMIT_MUTATIONS: '0',
      SITREP_PG_CONNECTION_TIMEOUT_MS: '1000',
    });
  });

  afterAll(async () => {
    // Whatever happened, leave the shared server running.
    for (let i = 0; i < 60 && !(await postgresUp()); i++) {
      if (i === 5)
        await run('pg_ctlcluster', ['--skip-systemctl-redirect', VERSION, 'main', 'start']).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    await server?.stop().catch(() => undefined);
  }, 90_000);

  it('is survived: clean failures during it, /readyz 503 then 200, success after', async () => {
    const samples: Sample[] = [];
    let stop = false;
    let n = 0;
    const t0 = Date.now();
    const probe = async (): Promise<void> => {
      while (!stop) {
        const at = Date.now() - t0;
        const ready = await fetch(`${server.url}/readyz`).then(
          (r) => r.status,
          () => 0,
        );
        samples.push({ at, what: 'readyz', status: ready });
        const query = await server
          .gql('{ fronts { slug } events(first: 5) { totalCount } }')
          .catch(() => ({ status: 0, errors: undefined }));
        samples.push({ at, what: 'query', status: query.status, code: query.errors?.[0]?.extensions?.code });
        const mutation = await server
          .gql(
            'mutation($input: EventCreateInput!) { createEvent(input: $input) { id } }',
            { input: eventInput({ title: `restart ${n++}` }) },
            server.editorKey,
          )
          .catch(() => ({ status: 0, errors: undefined }));
        samples.push({ at, what: 'mutation', status: mutation.status, code: mutation.errors?.[0]?.extensions?.code });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const load = probe();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const restartAt = Date.now() - t0;
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', VERSION, 'main', 'restart'], { timeout: 60_000 });
    const restartedAt = Date.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    stop = true;
    await load;

    const during = samples.filter((s) => s.at >= restartAt - 200 && s.at <= restartedAt + 3_000);
    const after = samples.filter((s) => s.at > restartedAt + 3_000);
    const failed = samples.filter((s) => s.status !== 200 || s.code !== undefined);
    process.stdout.write(
      `restart took ${restartedAt - restartAt} ms; ${samples.length} samples, ${failed.length} failed: ${JSON.stringify(failed.slice(0, 12))}\n`,
    );

    // Nothing hung or crashed: every request got an answer, and /graphql never answered 5xx.
    expect(samples.filter((s) => s.status === 0)).toEqual([]);
    expect(samples.filter((s) => s.what !== 'readyz' && s.status >= 500)).toEqual([]);
    // Every failure says what it is: 503 from /readyz, a coded GraphQL error otherwise.
    for (const s of failed) expect(s.what === 'readyz' ? s.status === 503 : s.code !== undefined).toBe(true);
    // /readyz noticed, and recovered.
    expect(during.some((s) => s.what === 'readyz' && s.status === 503)).toBe(true);
    expect(after.length).toBeGreaterThan(6);
    expect(after.every((s) => s.status === 200 && s.code === undefined)).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
