import http from 'node:http';
import net from 'node:net';
import type { Database } from '../../src/db/database';

/** Helpers of the fault tests: raw HTTP (no URL normalisation), and a dump of every table. */

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method: string;
  /** Sent as is: may hold `..`, `%00` or anything a client could type. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request over a fresh connection, exactly as given; resolves with whatever the server answered. */
export function rawRequest(baseUrl: string, request: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: { connection: 'close', ...request.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`no answer to ${request.method} ${request.path.slice(0, 80)} within ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/**
 * Bytes written to a fresh TCP connection as they are (no Host added, any HTTP version), the answer read until the
 * server closes: for headers an HTTP client would refuse or fix. `head` is the request line and headers, without
 * the blank line that ends them.
 */
export function socketRequest(baseUrl: string, head: string, body = '', timeoutMs = 30_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`no answer to ${head.split('\r\n')[0]} within ${timeoutMs} ms`)),
    );
    // write, not end: a half-closed connection may see an unfinished answer dropped.
    socket.on('connect', () => socket.write(`${head}\r\n\r\n${body}`));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const lines = (end < 0 ? text : text.slice(0, end)).split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
      const headers: http.IncomingHttpHeaders = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers, body: end < 0 ? '' : text.slice(end + 4) });
    });
  });
}

/** Every table's rows, each table sorted, as one string: equal strings mean byte-for-byte equal stored data. */
export async function dumpTables(db: Database): Promise<string> {
  const manager = db.dataSource.manager;
  const tables: { name: string }[] =
    db.dialect.name === 'sqlite'
      ? await manager.query(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
      : await manager.query("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const dump: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows: Record<string, unknown>[] = await manager.query(`SELECT * FROM "${name}"`);
    dump[name] = rows
      .map((row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
      .sort();
  }
  return JSON.stringify(dump);
}

/** Row counts per table, for messages. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const parsed = JSON.parse(await dumpTables(db)) as Record<string, string[]>;
  return Object.fromEntries(Object.entries(parsed).map(([name, rows]) => [name, rows.length]));
}

export interface Liveness<T> {
  result: T;
  /** Longest /healthz round (a 20 ms pause, then the request) while `work` ran, in ms; the last round counts as it stands. */
  worstHealthMs: number;
  /** /healthz answers received while `work` ran. */
  samples: number;
}

/**
 * The liveness bound on /healthz while a hostile request is in flight: generous, because these machines are shared
 * and have two cores (a busy neighbour alone has pushed one round past a second), yet far below the holds the
 * hardening fixed (3.7 s to 72 s).
 */
export const HEALTH_BOUND_MS = 3_000;

/**
 * Runs `work` while /healthz is asked again and again, one request at a time, and reports the longest round: a
 * request that holds the event loop shows as a round as long as the hold, whether the server runs in this process
 * (the pause before the next request cannot end) or in another (the request is not answered).
 */
export async function withHealthSampling<T>(baseUrl: string, work: () => Promise<T>): Promise<Liveness<T>> {
  let running = true;
  let worst = 0;
  let samples = 0;
  let roundStart = performance.now();
  const sampler = (async () => {
    while (running) {
      roundStart = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const health = await rawRequest(baseUrl, { method: 'GET', path: '/healthz' }, 60_000).catch(() => undefined);
      if (health?.status !== 200) throw new Error(`/healthz answered ${health?.status ?? 'nothing'}`);
      worst = Math.max(worst, performance.now() - roundStart);
      samples += 1;
    }
  })();
  try {
    const result = await work();
    worst = Math.max(worst, performance.now() - roundStart);
    return { result, worstHealthMs: worst, samples };
  } finally {
    running = false;
    await sampler;
  }
}
