import { randomUUID } from 'node:crypto';
import { FOLLOW_UP_RULE_IDS, type FollowUpRuleId } from '@leap/domain';
import Redis from 'ioredis';

/**
 * Environment for a suite that runs the follow-up machinery against real Redis: workers on, and a
 * queue prefix of its own so parallel suites (and their workers) never take each other's jobs.
 */
export function followUpTestEnv(options: { redisUrl?: string; reconcileEveryMs?: number } = {}): {
  prefix: string;
  redisUrl: string;
} {
  const prefix = `leap-test-${randomUUID().slice(0, 8)}`;
  const redisUrl = options.redisUrl ?? 'redis://127.0.0.1:6379';
  process.env.LEAP_FOLLOW_UP_WORKERS = 'on';
  process.env.LEAP_QUEUE_PREFIX = prefix;
  process.env.REDIS_URL = redisUrl;
  process.env.LEAP_FOLLOW_UP_RECONCILE_MS = String(options.reconcileEveryMs ?? 3_600_000);
  return { prefix, redisUrl };
}

/** Deletes every key of a queue prefix (what `FLUSHDB` does, limited to this suite's keys). */
export async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Drops the connections of one queue prefix (what a Redis restart does to them), by the names
 * they carry (`<prefix>:<purpose>`, and BullMQ's `<prefix>:<queue>...`); other clients are left alone.
 */
export async function killQueueClients(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const list = (await redis.client('LIST')) as string;
    const ids = list
      .split('\n')
      .filter((line) => / name=(\S+)/.exec(line)?.[1]?.startsWith(`${prefix}:`))
      .map((line) => / id=(\d+)/.exec(` ${line}`)?.[1])
      .filter((id): id is string => id !== undefined);
    for (const id of ids) await redis.client('KILL', 'ID', id).catch(() => undefined);
    return ids.length;
  } finally {
    redis.disconnect();
  }
}

/** Polls until `probe` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 8_000, what = 'condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A `PUT follow-up-rules` body turning every rule off except those given. */
export function onlyRules(enabled: Partial<Record<FollowUpRuleId, string>>) {
  return {
    rules: Object.fromEntries(
      FOLLOW_UP_RULE_IDS.map((id) => [
        id,
        enabled[id] ? { after: enabled[id], enabled: true } : { enabled: false },
      ]),
    ),
  };
}
