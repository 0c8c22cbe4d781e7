import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createKeyWithCli, ensureBuilt, runCli, ServerProcess, sqliteQuery, startServerProcess } from './cli-support';

/**
 * SIGTERM while work is in flight: an SMTP send (the SMTP server is slow to accept the message) and a PDF render.
 * The in-flight request finishes (or is recorded as failed), nothing is sent twice (repeating the send with its
 * idempotency key after a restart sends nothing more), and the process exits cleanly within its grace period.
 */

const GRACE_MS = 10_000;

interface SlowSmtp {
  url: string;
  messages: number;
  dataStarted: Promise<void>;
  close(): Promise<void>;
}

async function startSlowSmtp(delayMs: number): Promise<SlowSmtp> {
  let started!: () => void;
  const state: SlowSmtp = {
    url: '',
    messages: 0,
    dataStarted: new Promise<void>((resolve) => (started = resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      started();
      stream.on('data', () => undefined);
      stream.on('end', () =>
        setTimeout(() => {
          state.messages += 1;
          callback();
        }, delayMs),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}

const SEND =
  'mutation { sendBriefing(date: "2025-11-15", fronts: ["gaza"], to: ["reader@example.org"], idempotencyKey: "sigterm-1") { id status } }';

/** Exit code 0 within the grace period; otherwise the non-info log lines, to say why. */
function expectCleanExit(exit: { code: number | null; stderr: string }, exitMs: number): void {
  expect({
    code: exit.code,
    log:
      exit.code === 0
        ? ''
        : exit.stderr
            .split('\n')
            .filter((l) => !l.includes('"level":"info"'))
            .join('\n')
            .slice(0, 1500),
  }).toEqual({ code: 0, log: '' });
  expect(exitMs).toBeLessThan(GRACE_MS);
}

describe('SIGTERM with work in flight', () => {
  let dir: string;
  let env: Record<string, string>;
  let smtp: SlowSmtp;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-sigterm-'));
    smtp = await startSlowSmtp(2_000);
    env = {
      DATABASE_URL: `sqlite:${path.join(dir, 'sitrep.sqlite')}`,
      SMTP_URL: smtp.url,
      SITREP_SMTP_RETRIES: '0',
      SITREP_RATE_LIMIT_MUTATIONS: '0',
      SITREP_RATE_LIMIT_RENDERS: '0',
      SITREP_OUTBOX_DIR: path.join(dir, 'outbox'),
    };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    expect((await runCli(['seed'], env)).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('during an SMTP send: the send completes, is recorded once, the process exits in its grace period, and a repeat sends nothing', async () => {
    const key = await createKeyWithCli(env, 'editor');
    server = await startServerProcess(env);
    const gql = (
      url: string,
    ): Promise<{ data?: { sendBriefing?: { id: string; status: string } }; errors?: unknown[] }> =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: SEND }),
      }).then(
        (r) => r.json() as Promise<{ data?: { sendBriefing?: { id: string; status: string } }; errors?: unknown[] }>,
      );
    const sending = gql(server.url);
    await smtp.dataStarted;
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const answer = await sending;
    const exit = await server.exited;
    const exitMs = Date.now() - signalled;
    server = undefined;

    expectCleanExit(exit, exitMs);
    // The in-flight send finished and was answered; the message went out exactly once.
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.sendBriefing?.status).toBe('SENT');
    expect(smtp.messages).toBe(1);
    const file = env.DATABASE_URL.slice('sqlite:'.length);
    expect(await sqliteQuery(file, 'SELECT status FROM deliveries')).toEqual([{ status: 'SENT' }]);

    // After a restart, the same request (same idempotency key) returns the recorded delivery and sends nothing.
    server = await startServerProcess(env);
    const repeat = await gql(server.url);
    expect(repeat.data?.sendBriefing).toEqual(answer.data?.sendBriefing);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages).toBe(1);
    expect((await sqliteQuery<{ n: number }>(file, 'SELECT COUNT(*) AS n FROM deliveries'))[0].n).toBe(1);
    await server.stop();
    server = undefined;
  }, 120_000);

  it('during a PDF render: the download completes (or is refused cleanly) and the process exits in its grace period', async () => {
    server = await startServerProcess(env);
    const downloading = fetch(`${server.url}/briefings/2025-11-15.pdf`).then(
      async (r) => ({ status: r.status, body: Buffer.from(await r.arrayBuffer()) }),
      (e: Error) => ({ status: 0, body: Buffer.from(e.message) }),
    );
    // Chromium is starting or printing by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const response = await downloading;
    const exit = await server.exited;
    const exitMs = Date.now() - signalled;
    server = undefined;
    expectCleanExit(exit, exitMs);
    if (response.status === 200) expect(response.body.subarray(0, 5).toString()).toBe('%PDF-');
    else expect(response.status).toBe(503);
  }, 120_000);
});
