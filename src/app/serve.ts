import type { AddressInfo } from 'node:net';
import { createApp, App } from '../http/create-app';
import type { Runtime } from './runtime';

export interface RunningServer {
  app: App;
  url: string;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  stop(): Promise<void>;
}

/** Migrates, seeds an empty database when asked, and listens. */
export async function serve(runtime: Runtime, opts: { seedIfEmpty: boolean }): Promise<RunningServer> {
  const { config, log, services } = runtime;
  const applied = await services.db.migrate();
  if (applied.length > 0) log.info('migrations applied', { applied });
  if (opts.seedIfEmpty && (await services.seed.isEmpty())) {
    const result = await services.seed.seed();
    log.info('seed data loaded', { ...result });
  }
  const app = await createApp(config, services, log);
  await app.http.listen({ port: config.port, host: config.host });
  const address = app.http.server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  log.info('serving', { graphql: `${url}/graphql`, database: services.db.engine });
  let stopping: Promise<void> | undefined;
  return {
    app,
    url,
    stop: () => {
      stopping ??= (async () => {
        // close() ends idle keep-alive connections once; a connection whose request is still in flight becomes
        // idle only later, and would otherwise hold the server open until its keep-alive timeout (72 s), past the
        // grace period. So idle connections are swept until every in-flight request has been answered.
        const sweep = setInterval(() => app.http.server.closeIdleConnections(), 100);
        try {
          await app.http.close();
        } finally {
          clearInterval(sweep);
        }
        await runtime.close();
      })();
      return stopping;
    },
  };
}

/** SIGTERM and SIGINT drain requests and close the database; a second signal exits at once. */
export function stopOnSignals(server: RunningServer, runtime: Runtime, graceMs = 10_000): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) process.exit(1);
    signalled = true;
    runtime.log.info('shutting down', { signal });
    const timer = setTimeout(() => {
      runtime.log.error('shutdown grace period over; exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        runtime.log.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
