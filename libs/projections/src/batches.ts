import type { AllSubscription, RecordedEvent } from '@leap/event-store';

export interface BatchLimits {
  /** Most events in one batch (one read-model transaction). */
  maxEvents: number;
  /** Longest a batch stays open after its first event (ms). */
  maxWaitMs: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxEvents: 1000, maxWaitMs: 50 };

const TIME_UP = Symbol('time up');
const IDLE = Symbol('idle');
const LIVE = Symbol('live');

/**
 * Groups a subscription's events into batches, in order, without dropping or repeating any.
 *
 * A batch closes when it is full, when `maxWaitMs` have passed since its first event, or, once the
 * subscription has caught up with history, as soon as no further event is ready right now (so a
 * live event is applied at once instead of waiting for company). While catching up, batches fill
 * to `maxEvents`, which is what makes a replay fast.
 *
 * At most one `next()` is outstanding at a time; when the consumer stops, that pending read ends
 * with the subscription's `close()`.
 */
export async function* inBatches(
  subscription: AllSubscription,
  limits: BatchLimits = DEFAULT_BATCH_LIMITS,
): AsyncGenerator<RecordedEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  let live = false;
  // Resolves when history is delivered (a subscription that fails before never goes live).
  const becameLive: Promise<typeof LIVE> = subscription.caughtUp.then(
    () => LIVE,
    () => new Promise<never>(() => undefined),
  );
  // A read left pending when the consumer stops may fail as the subscription closes: mark it handled.
  const read = () => {
    const next = iterator.next();
    next.catch(() => undefined);
    return next;
  };
  let pending = read();
  for (;;) {
    const first = await pending;
    if (first.done) return;
    const batch = [first.value];
    pending = read();
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<typeof TIME_UP>((resolve) => {
      timer = setTimeout(() => resolve(TIME_UP), limits.maxWaitMs);
    });
    let ended = false;
    try {
      while (batch.length < limits.maxEvents) {
        const next = await Promise.race(live ? [pending, timeUp, idle()] : [pending, timeUp, becameLive]);
        if (next === LIVE) {
          live = true;
          continue;
        }
        if (next === TIME_UP || next === IDLE) break;
        if (next.done) {
          ended = true;
          break;
        }
        batch.push(next.value);
        pending = read();
      }
    } finally {
      clearTimeout(timer);
    }
    yield batch;
    if (ended) return;
  }
}

/** Resolves after pending I/O callbacks: an event already readable resolves its `next()` before this. */
function idle(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(() => resolve(IDLE)));
}
