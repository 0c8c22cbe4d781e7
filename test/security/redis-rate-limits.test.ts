import { Redis } from 'ioredis';
import { RateLimits } from '../../src/graphql/limits';
import { describeWithRedis, REDIS_TEST_URL, uniqueRedisPrefix } from '../support/redis';

const CONFIG = { windowMs: 60_000, mutations: 3, renders: 2 };
const caller = { principal: null, ip: '192.0.2.7' };

describeWithRedis('rate-limit budgets shared through Redis', () => {
  let redis: Redis;
  let other: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_TEST_URL);
    other = new Redis(REDIS_TEST_URL);
  });
  afterAll(async () => {
    await redis.quit();
    await other.quit();
  });

  it('spends one budget from two processes (two connections), and refuses past it with Retry-After', async () => {
    const prefix = uniqueRedisPrefix();
    const first = new RateLimits(CONFIG, Date.now, { redis, prefix });
    const second = new RateLimits(CONFIG, Date.now, { redis: other, prefix });
    await first.takeMutations(caller, 1);
    await second.takeMutations(caller, 1);
    await first.takeMutations(caller, 1);
    const refused = second.takeMutations(caller, 1);
    await expect(refused).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
      retryAfterSeconds: 20,
    });
    // Another caller, and another budget, are untouched.
    await second.takeMutations({ principal: null, ip: '192.0.2.8' }, 3);
    await first.takeRenders(caller, 2);
    await expect(second.takeRenders(caller, 1)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect(await redis.keys(`${prefix}*`)).toHaveLength(3);
  });

  it('never grants more than the whole budget at once', async () => {
    const limits = new RateLimits(CONFIG, Date.now, { redis, prefix: uniqueRedisPrefix() });
    await expect(limits.takeMutations(caller, 4)).rejects.toMatchObject({ retryAfterSeconds: 60 });
    await limits.takeMutations(caller, 3);
  });

  it('refuses with UNAVAILABLE when Redis cannot be reached', async () => {
    const gone = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    gone.on('error', () => undefined);
    const limits = new RateLimits(CONFIG, Date.now, { redis: gone, prefix: uniqueRedisPrefix() });
    await expect(limits.takeMutations(caller, 1)).rejects.toMatchObject({ extensions: { code: 'UNAVAILABLE' } });
    gone.disconnect();
  });
});
