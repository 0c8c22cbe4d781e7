import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the suite runs against; CI must have it (.ci/run starts one), a laptop may not. */
export const REDIS_TEST_URL = process.env.SITREP_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Set by global setup: whether the Redis suites run. */
export const REDIS_FLAG = 'SITREP_TEST_REDIS_AVAILABLE';

/** Checked once in Jest's global setup. In CI (CI=true) an unreachable Redis fails the run instead of skipping. */
export async function checkRedis(): Promise<boolean> {
  const client = new Redis(REDIS_TEST_URL, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`Redis tests must run in CI, but ${REDIS_TEST_URL} does not answer: ${(error as Error).message}`);
    process.stderr.write(`\n\n!!! Redis at ${REDIS_TEST_URL} does not answer: the Redis suites are SKIPPED !!!\n\n`);
    return false;
  } finally {
    client.disconnect();
  }
}

/** `describe` when Redis answers (always in CI), `describe.skip` otherwise (loudly, by global setup). */
export const describeWithRedis = (title: string, suite: () => void): void =>
  (process.env[REDIS_FLAG] === 'true' ? describe : describe.skip)(`${title} [redis]`, suite);

/** A key and channel prefix of its own, so that parallel runs on one Redis never meet. */
export const uniqueRedisPrefix = (): string => `sitrep-test-${randomBytes(6).toString('hex')}:`;
