import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

/** Starts `sitrep start` as a real process on a free port and waits until it serves. */
async function startProcess(
  dir: string,
  port: number,
  logLevel = 'info',
  /** null leaves NODE_ENV unset, as `npm start` does. */
  nodeEnv: string | null = 'test',
): Promise<{ child: ChildProcess; stderr: () => string; exited: Promise<number | null> }> {
  let stderr = '';
  const child = spawn(process.execPath, [CLI, 'start'], {
    env: {
      PATH: process.env.PATH,
      ...(nodeEnv === null ? {} : { NODE_ENV: nodeEnv }),
      LOG_LEVEL: logLevel,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return { child, stderr: () => stderr, exited };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${stderr}`);
}

describe('the server process', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-proc-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts on an empty SQLite file with the seed data, reports health and readiness, and drains on SIGTERM', async () => {
    const port = 40000 + Math.floor(Math.random() * 10000);
    const { child, stderr, exited } = await startProcess(dir, port, 'debug');
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    const fronts = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ fronts { slug } }' }),
    });
    expect(((await fronts.json()) as { data: { fronts: unknown[] } }).data.fronts).toHaveLength(5);
    expect(fs.existsSync(path.join(dir, 'db.sqlite-wal'))).toBe(true);

    // A request already sent when SIGTERM arrives is answered before the process exits.
    const inFlight = new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({
        query: '{ events(first: 100) { totalCount edges { node { title sources { title } } } } }',
      });
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql?probe=drain',
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(body);
      // Signal once the server has started handling it.
      const started = setInterval(() => {
        if (stderr().includes('probe=drain')) {
          clearInterval(started);
          child.kill('SIGTERM');
        }
      }, 1);
    });
    expect(await inFlight).toBe(200);
    expect(await exited).toBe(0);
    expect(stderr()).toContain('shutting down');
    // SQLite removes the WAL file when the last connection closes cleanly.
    expect(fs.existsSync(path.join(dir, 'db.sqlite-wal'))).toBe(false);
  });

  it('drains on SIGTERM as `npm start` runs it too (NODE_ENV unset), once, exiting 0', async () => {
    // Outside NODE_ENV=test Apollo Server registers SIGTERM handlers of its own unless told not to, stops itself
    // and sends the signal again, which the process took for a second signal and left at once, with status 1
    // and the database and browser not closed.
    const port = 40000 + Math.floor(Math.random() * 10000);
    const { child, stderr, exited } = await startProcess(dir, port, 'info', null);
    const fronts = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ fronts { slug } }' }),
    });
    expect(fronts.status).toBe(200);
    expect(fs.existsSync(path.join(dir, 'db.sqlite-wal'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr().split('shutting down')).toHaveLength(2);
    expect(fs.existsSync(path.join(dir, 'db.sqlite-wal'))).toBe(false);
  });

  it('does not seed again on a second start', async () => {
    const port = 40000 + Math.floor(Math.random() * 10000);
    const { child, stderr, exited } = await startProcess(dir, port);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr()).not.toContain('seed data loaded');
  });
});
