/**
 * A server under test, in its own process (so that the load generator and the server each get a core):
 *
 *   node server-process.js bare BODY_FILE CONTENT_TYPE   a bare node:http server answering every request with the bytes
 *   node server-process.js sitrep                        the real Sitrep server (config from the environment)
 *
 * It tells its parent `{ type: 'ready', url }`; answers `{ type: 'stats' }` with its SQL statement count and render
 * cache counters; and `{ type: 'stop' }` stops it. Started by `startServerProcess` below.
 */
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServerStats {
  statements: number;
  cacheHits: number;
  cacheMisses: number;
}

type ToChild = { type: 'stats' } | { type: 'stop' };
type FromChild =
  { type: 'ready'; url: string } | ({ type: 'stats' } & ServerStats) | { type: 'failed'; message: string };

export interface ServerProcess {
  url: string;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

/** Forks this file as a server; `execArgv` can add e.g. `--cpu-prof`. */
export async function startServerProcess(
  args: string[],
  env: Record<string, string>,
  execArgv: string[] = [],
): Promise<ServerProcess> {
  const child: ChildProcess = fork(__filename, args, {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends FromChild['type']>(type: T): Promise<Extract<FromChild, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: FromChild): void => {
        if (message.type === 'failed') {
          cleanup();
          reject(new Error(`server process failed: ${message.message}`));
        } else if (message.type === type) {
          cleanup();
          resolve(message as Extract<FromChild, { type: T }>);
        }
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`server process exited (code ${code}) before answering "${type}"`));
      };
      const cleanup = (): void => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  const send = (message: ToChild): void => {
    child.send(message);
  };
  const ready = await next('ready');
  return {
    url: ready.url,
    stats: async () => {
      const answer = next('stats');
      send({ type: 'stats' });
      const { statements, cacheHits, cacheMisses } = await answer;
      return { statements, cacheHits, cacheMisses };
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function mainBare(bodyFile: string, contentType: string): Promise<void> {
  const body = fs.readFileSync(bodyFile);
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}` } satisfies FromChild);
  process.on('message', (message: ToChild) => {
    if (message.type === 'stats')
      process.send!({ type: 'stats', statements: 0, cacheHits: 0, cacheMisses: 0 } satisfies FromChild);
    if (message.type === 'stop') {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    }
  });
}

async function mainSitrep(): Promise<void> {
  // Imported here so that the bare server does not load the application at all.
  await import('reflect-metadata');
  const { loadConfig } = await import('../../src/config/config');
  const { openRuntime } = await import('../../src/app/runtime');
  const { serve } = await import('../../src/app/serve');
  const runtime = await openRuntime(loadConfig());
  const server = await serve(runtime, { seedIfEmpty: true });
  process.send!({ type: 'ready', url: server.url } satisfies FromChild);
  process.on('message', (message: ToChild) => {
    if (message.type === 'stats') {
      const cache = runtime.services.briefingRenders.cache;
      process.send!({
        type: 'stats',
        statements: runtime.services.db.statementCount,
        cacheHits: cache.hits,
        cacheMisses: cache.misses,
      } satisfies FromChild);
    }
    if (message.type === 'stop')
      server.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}

if (require.main === module) {
  const [mode, ...rest] = process.argv.slice(2);
  const started =
    mode === 'bare'
      ? mainBare(rest[0], rest[1])
      : mode === 'sitrep'
        ? mainSitrep()
        : Promise.reject(new Error(`unknown mode "${mode}"`));
  started.catch((error: unknown) => {
    process.send?.({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies FromChild);
    process.exit(1);
  });
}
