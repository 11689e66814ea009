import type Redis from 'ioredis';
import type { EventStore } from '@leap/event-store';
import type { KeyStore } from '@leap/privacy';
import type { ReadinessView } from './health.dto';

const CHECK_TIMEOUT_MS = 2_000;

export interface Readiness {
  ready: boolean;
  body: ReadinessView;
}

/** Whether the event store, Redis and the key store answer, each within two seconds. Reveals no data. */
export async function checkReadiness(
  store: EventStore,
  redis: Redis,
  keys: Pick<KeyStore, 'ping'>,
): Promise<Readiness> {
  const [eventStore, redisState, keyStore] = await Promise.all([
    probe(() => store.ping()),
    probe(async () => void (await redis.ping())),
    probe(() => keys.ping()),
  ]);
  const ready = eventStore === 'up' && redisState === 'up' && keyStore === 'up';
  return {
    ready,
    body: { status: ready ? 'ready' : 'not_ready', checks: { eventStore, redis: redisState, keyStore } },
  };
}

async function probe(check: () => Promise<void>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
