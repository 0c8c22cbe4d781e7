import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { openRuntime } from '../../src/app/runtime';
import { loadConfig } from '../../src/config/config';
import { eventInput } from '../api/fixtures';
import { createTestDatabase, POSTGRES_FLAG, TestDatabase } from '../support/databases';
import { describeWithRedis, REDIS_FLAG, REDIS_TEST_URL, uniqueRedisPrefix } from '../support/redis';
import { connected, liveClient, LiveClient } from '../support/subscriptions';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');
const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';

interface ServerProcess {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `sitrep start` as its own process (the built CLI) on `port`, once it serves. */
async function startProcess(env: Record<string, string>, port: number): Promise<ServerProcess> {
  let stderr = '';
  const child = spawn(process.execPath, [CLI, 'start'], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, child, stderr: () => stderr, exited };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${stderr}`);
}

async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  key: string,
): Promise<{
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
}> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

// PostgreSQL and Redis both: the two processes share the one database and the one Redis.
const both = process.env[POSTGRES_FLAG] === 'true' && process.env[REDIS_FLAG] === 'true';
(both ? describeWithRedis : describe.skip)('two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let first: ServerProcess;
  let second: ServerProcess;
  let editorKey: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: REDIS_TEST_URL,
      SITREP_REDIS_PREFIX: uniqueRedisPrefix(),
      SITREP_RATE_LIMIT_MUTATIONS: '3',
      SITREP_RATE_LIMIT_WINDOW_MS: '600000',
    };
    const port = 41000 + Math.floor(Math.random() * 9000);
    // One after the other: the first migrates and seeds, the second finds it done.
    first = await startProcess(env, port);
    second = await startProcess(env, port + 1);
    const runtime = await openRuntime(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', DATABASE_URL: database.url }));
    editorKey = (await runtime.services.keys.create('two processes', 'editor')).secret;
    await runtime.close();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    for (const server of [first, second]) {
      if (server?.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    await database?.drop();
  });

  it('pushes a mutation on one process to a subscriber of the other, and spends one rate-limit budget across both', async () => {
    const live = liveClient(second.url);
    clients.push(live);
    await connected(live);
    const subscription = live.subscribe('subscription { eventChanged { eventId action event { title } } }');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const created = await gql(first.url, CREATE, { input: eventInput({ title: 'From the first process' }) }, editorKey);
    expect(created.body.errors).toBeUndefined();
    const message = await subscription.next(1_000);
    expect(message.data!.eventChanged).toEqual({
      eventId: (created.body.data!.createEvent as { id: string }).id,
      action: 'CREATED',
      event: { title: 'From the first process' },
    });

    // The budget is 3 mutations per key: one spent above, two more across the processes, then both refuse.
    expect((await gql(second.url, CREATE, { input: eventInput() }, editorKey)).status).toBe(200);
    expect((await gql(first.url, CREATE, { input: eventInput() }, editorKey)).status).toBe(200);
    for (const server of [second, first]) {
      const refused = await gql(server.url, CREATE, { input: eventInput() }, editorKey);
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    }
  });

  it('closes its WebSocket connections cleanly on SIGTERM and exits', async () => {
    const live = liveClient(second.url);
    clients.push(live);
    await connected(live);
    live.subscribe('subscription { eventChanged { eventId } }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    second.child.kill('SIGTERM');
    // 1001, going away: a graphql-ws client may reconnect (to another process).
    expect((await live.closed).code).toBe(1001);
    expect(await second.exited).toBe(0);
    expect(second.stderr()).not.toMatch(/grace period over/);
  });
});
