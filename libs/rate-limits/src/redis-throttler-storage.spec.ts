import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { dropQueueKeys } from '../../follow-ups/src/testing/follow-up-test-env';
import { RedisThrottlerStorage } from './redis-throttler-storage';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

describe('RedisThrottlerStorage on a real Redis', () => {
  const prefix = `leap-test-${randomUUID().slice(0, 8)}`;
  let redis: Redis;
  let storage: RedisThrottlerStorage;

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    storage = new RedisThrottlerStorage(redis, async () => prefix);
  });
  afterAll(async () => {
    redis.disconnect();
    await dropQueueKeys(REDIS_URL, prefix);
  });

  it('counts concurrent hits exactly once each, and refuses every hit past the limit until the window ends', async () => {
    const records = await Promise.all(
      Array.from({ length: 40 }, () => storage.increment('burst', 60_000, 25, 0, 'default')),
    );
    expect(records.map((record) => record.totalHits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, n) => n + 1),
    );
    expect(records.filter((record) => record.isBlocked)).toHaveLength(15);
    for (const record of records.filter((r) => r.isBlocked)) expect(record.timeToBlockExpire).toBe(60);
    expect(await redis.pttl(`${prefix}:rate:default:burst`)).toBeGreaterThan(59_000);
  });

  it('starts a new window when the old one has expired', async () => {
    for (let n = 0; n < 3; n++) await storage.increment('short', 200, 2, 0, 'default');
    expect((await storage.increment('short', 200, 2, 0, 'default')).isBlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await storage.increment('short', 200, 2, 0, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('with a block duration, refuses without counting while blocked, then grants a fresh budget', async () => {
    const hit = () => storage.increment('blocked', 60_000, 2, 300, 'auth-failures');
    expect([(await hit()).isBlocked, (await hit()).isBlocked]).toEqual([false, false]);
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    expect(await storage.blockedFor('blocked', 'auth-failures')).toBe(1);
    expect((await hit()).isBlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await storage.blockedFor('blocked', 'auth-failures')).toBe(0);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps the budgets of two prefixes (installations) apart', async () => {
    const elsewhere = new RedisThrottlerStorage(redis, async () => `${prefix}-other`);
    try {
      await storage.increment('shared-name', 60_000, 1, 0, 'default');
      expect((await storage.increment('shared-name', 60_000, 1, 0, 'default')).isBlocked).toBe(true);
      expect((await elsewhere.increment('shared-name', 60_000, 1, 0, 'default')).isBlocked).toBe(false);
    } finally {
      await dropQueueKeys(REDIS_URL, `${prefix}-other`);
    }
  });

  it('lets requests through when Redis cannot answer', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    unreachable.on('error', () => undefined);
    const failing = new RedisThrottlerStorage(unreachable, async () => prefix);
    try {
      expect(await failing.increment('down', 60_000, 0, 0, 'default')).toMatchObject({ isBlocked: false });
      expect(await failing.blockedFor('down', 'auth-failures')).toBe(0);
    } finally {
      unreachable.disconnect();
    }
  });
});
