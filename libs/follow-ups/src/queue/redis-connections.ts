import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * BullMQ's own Redis connections (never the shared health client).
 * - `producer`: scheduling and queue reads fail fast while Redis is down (no offline queue), since
 *   Redis is not a source of truth: the scheduler retries and the reconciler re-derives timers.
 * - `worker`: BullMQ workers block on Redis and require `maxRetriesPerRequest: null`.
 * Each is named `<prefix>:<purpose>` (`CLIENT LIST` tells installations apart).
 */
export function bullConnection(url: string, purpose: 'producer' | 'worker', prefix: string): Redis {
  const connectionName = `${prefix}:${purpose}`;
  const redis = new Redis(
    url,
    purpose === 'worker'
      ? { maxRetriesPerRequest: null, connectionName }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, connectionName },
  );
  // ioredis reconnects on its own; report an outage once per disconnection, not on every retry.
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) new Logger(`FollowUps/${purpose}`).warn(`Redis unreachable (${error.message}); retrying`);
    reported = true;
  });
  redis.on('ready', () => (reported = false));
  return redis;
}

/** Rejects when `promise` takes longer than `ms`: a Redis call must never stall the scheduler. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
