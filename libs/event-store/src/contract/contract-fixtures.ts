import { randomUUID } from 'node:crypto';
import type { AllSubscription, EventStore, EventToAppend, RecordedEvent } from '../event-store.port';

export type CreateStore = () => Promise<{ store: EventStore; cleanup(): Promise<void> }>;

/**
 * Gives each test a fresh store from `create` and cleans it up afterwards. Stream names must still
 * be unique per test: against EventStoreDB every test shares one server.
 */
export function useStore(create: CreateStore): () => EventStore {
  let current: { store: EventStore; cleanup(): Promise<void> } | undefined;
  beforeEach(async () => {
    current = await create();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('The store exists only inside a test');
    return current.store;
  };
}

/** A category no other test (or earlier run against the same server) uses: `t<hex>`, no dash. */
export function uniqueCategory(): string {
  return `t${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

export function anEvent(type = 'ThingHappened.v1', data: Record<string, unknown> = {}): EventToAppend {
  return {
    id: randomUUID(),
    type,
    data: { note: 'contract', ...data },
    metadata: { actorId: 'contract-test' },
  };
}

export function someEvents(count: number, type?: string): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => anEvent(type, { index }));
}

export const ids = (events: Array<{ id: string }>) => events.map((event) => event.id);

/** Iterates a subscription in the background, recording what it delivers. */
export function consume(subscription: AllSubscription) {
  const received: RecordedEvent[] = [];
  const ended = (async () => {
    for await (const event of subscription) received.push(event);
  })();
  return {
    received,
    /** Resolves when the `for await` loop has finished (e.g. after `close()`). */
    ended,
    async waitFor(count: number, timeoutMs = 5_000): Promise<RecordedEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`Subscription delivered ${received.length} of ${count} events in ${timeoutMs} ms`);
        await sleep(5);
      }
      return received;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects with a clear message when `promise` takes longer than `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Asserts the positions strictly increase under the store's own ordering. */
export function expectIncreasingPositions(store: EventStore, events: RecordedEvent[]): void {
  for (let index = 1; index < events.length; index++) {
    const previous = events[index - 1];
    const current = events[index];
    if (!previous || !current) continue;
    expect(store.comparePositions(previous.position, current.position)).toBeLessThan(0);
  }
}
