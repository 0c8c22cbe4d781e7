import http from 'node:http';
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
      { host: url.hostname, port: url.port, method: request.method, path: request.path, headers: { connection: 'close', ...request.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer to ${request.method} ${request.path.slice(0, 80)} within ${timeoutMs} ms`)));
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/** Every table's rows, each table sorted, as one string: equal strings mean byte-for-byte equal stored data. */
export async function dumpTables(db: Database): Promise<string> {
  const manager = db.dataSource.manager;
  const tables: { name: string }[] = db.dialect.name === 'sqlite'
    ? await manager.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    : await manager.query("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const dump: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows: Record<string, unknown>[] = await manager.query(`SELECT * FROM "${name}"`);
    dump[name] = rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
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
  /** Slowest /healthz answer while `work` ran, in ms (a request still unanswered at the end counts as it stands). */
  worstHealthMs: number;
  /** /healthz answers received while `work` ran. */
  samples: number;
}

/**
 * Runs `work` while /healthz is asked again and again, one request at a time, and reports the slowest answer: a
 * request that holds the event loop shows as a /healthz answer as late as the hold is long.
 */
export async function withHealthSampling<T>(baseUrl: string, work: () => Promise<T>): Promise<Liveness<T>> {
  let running = true;
  let worst = 0;
  let samples = 0;
  let pendingSince: number | undefined;
  const sampler = (async () => {
    while (running) {
      pendingSince = performance.now();
      const health = await rawRequest(baseUrl, { method: 'GET', path: '/healthz' }, 60_000).catch(() => undefined);
      const ms = performance.now() - pendingSince;
      pendingSince = undefined;
      if (health?.status !== 200) throw new Error(`/healthz answered ${health?.status ?? 'nothing'}`);
      worst = Math.max(worst, ms);
      samples += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    const result = await work();
    if (pendingSince !== undefined) worst = Math.max(worst, performance.now() - pendingSince);
    return { result, worstHealthMs: worst, samples };
  } finally {
    running = false;
    await sampler;
  }
}
