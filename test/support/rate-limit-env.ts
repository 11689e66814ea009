import { TimerNamespace } from '@leap/follow-ups';
import { redisUrl } from '@leap/health';
import Redis from 'ioredis';
import type { TestApi } from './harness';

/** Sets environment variables for the apps a suite starts next; returns what undoes it. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const before = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(vars);
  return () => apply(before);
}

/** The rate-limit keys an api keeps in Redis (under its installation's prefix). */
export async function rateLimitKeys(api: TestApi): Promise<string[]> {
  const { prefix } = await api.app.get(TimerNamespace).resolve();
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
  try {
    return await redis.keys(`${prefix}:rate:*`);
  } finally {
    redis.disconnect();
  }
}

/** A token no installation signed: what guessing or replaying tokens looks like. */
export const BAD_TOKEN = { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' };
