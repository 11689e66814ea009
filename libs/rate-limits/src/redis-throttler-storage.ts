import { Logger } from '@nestjs/common';
import type { ThrottlerStorage, ThrottlerLimitDetail } from '@nestjs/throttler';

/** What a storage answers (the library's ThrottlerStorageRecord, not exported by its index). */
type ThrottlerStorageRecord = Omit<ThrottlerLimitDetail, 'ttl' | 'limit' | 'key' | 'tracker'>;
import type Redis from 'ioredis';

/**
 * One hit, atomically: while the block key lives, refuse without counting; else count the hit in a
 * window that starts with the first hit (fixed window), and past the limit either set the block key
 * and start the next budget afresh (blockMs > 0) or refuse until the window ends.
 * KEYS: hits, block. ARGV: windowMs, limit, blockMs. Returns hits, ms to window end, blocked (0/1),
 * ms to block end.
 */
const HIT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0), 1, blocked}
end
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
if hits <= tonumber(ARGV[2]) then return {hits, ttl, 0, 0} end
local block = tonumber(ARGV[3])
if block > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', block)
  redis.call('DEL', KEYS[1])
  return {hits, ttl, 1, block}
end
return {hits, ttl, 1, ttl}
`;

const seconds = (ms: number): number => Math.ceil(ms / 1000);

/**
 * Rate-limit counters in Redis, shared by every api process of an installation: keys are
 * `<installation prefix>:rate:<budget>:<tracker>` (the prefix of its BullMQ queues, so two
 * installations on one Redis never share a counter, and dropping the prefix drops them), and expire
 * with their window. Redis is not a source of truth: when it cannot answer, requests are let through
 * (an outage of Redis must not become an outage of the API) and the outage is logged once.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimits');
  private failing = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: () => Promise<string>,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const base = await this.keyOf(throttlerName, key);
      const [totalHits, toExpire, blocked, toUnblock] = (await this.redis.eval(
        HIT,
        2,
        base,
        `${base}:blocked`,
        ttl,
        limit,
        blockDuration,
      )) as [number, number, number, number];
      this.recovered();
      return {
        totalHits,
        timeToExpire: seconds(toExpire),
        isBlocked: blocked === 1,
        timeToBlockExpire: seconds(toUnblock),
      };
    } catch (error) {
      this.failed(error);
      return { totalHits: 0, timeToExpire: seconds(ttl), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  /** Seconds until `key` of `throttlerName` may be tried again; 0 when it is not blocked. */
  async blockedFor(key: string, throttlerName: string): Promise<number> {
    try {
      const remaining = await this.redis.pttl(`${await this.keyOf(throttlerName, key)}:blocked`);
      this.recovered();
      return remaining > 0 ? seconds(remaining) : 0;
    } catch (error) {
      this.failed(error);
      return 0;
    }
  }

  private async keyOf(throttlerName: string, key: string): Promise<string> {
    return `${await this.prefix()}:rate:${throttlerName}:${key}`;
  }

  private failed(error: unknown): void {
    if (!this.failing)
      this.logger.warn(`Rate limits not enforced: ${error instanceof Error ? error.message : String(error)}`);
    this.failing = true;
  }

  private recovered(): void {
    if (this.failing) this.logger.log('Rate limits enforced again');
    this.failing = false;
  }
}
