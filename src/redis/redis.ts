import { Redis } from 'ioredis';
import type { Logger } from '../logging/logger';

/**
 * A Redis connection (REDIS_URL). A command waits at most `commandTimeout` and is tried once more after a
 * reconnect, so an unreachable Redis fails requests quickly instead of holding them; errors are logged once per
 * change of state, not per retry.
 */
export function openRedis(url: string, name: string, log: Logger): Redis {
  const client = new Redis(url, {
    connectionName: name,
    commandTimeout: 2_000,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  });
  let failing = false;
  client.on('error', (error: Error) => {
    if (failing) return;
    failing = true;
    log.warn('redis unreachable', { connection: name, error: error.message });
  });
  client.on('ready', () => {
    if (failing) log.info('redis reachable again', { connection: name });
    failing = false;
  });
  return client;
}

/** Closes a connection, politely when it can. */
export async function closeRedis(client: Redis): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/**
 * The client, with `commands` made safe to call without awaiting: a failure (Redis unreachable) is handed to
 * `onError` instead of becoming an unhandled rejection, which would end the process. For libraries that fire
 * commands and forget them (the Redis event target's publish and subscribe).
 */
export function withCaughtCommands(
  client: Redis,
  commands: readonly string[],
  onError: (error: unknown) => void,
): Redis {
  const caught = new Set(commands);
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property !== 'string' || !caught.has(property)) return method.bind(target);
      return (...args: unknown[]) => {
        const result = method.apply(target, args);
        if (result instanceof Promise) return result.catch(onError);
        return result;
      };
    },
  });
}
