import type { AllEventsFilter, EventStore, Position, RecordedEvent } from '@leap/event-store';

const PAGE = 5000;

export interface EventCount {
  count: number;
  /** True when counting stopped at the cap: there are at least `count` events. */
  capped: boolean;
}

/**
 * Events matching `filter` strictly after `after`, counted through the port (`readAll` pages), so it
 * works on every adapter. It reads the events, so callers on a request path pass a cap.
 */
export async function countEvents(
  store: EventStore,
  filter: AllEventsFilter,
  after: Position | null,
  cap = Number.POSITIVE_INFINITY,
): Promise<EventCount> {
  let count = 0;
  let from = after ?? undefined;
  while (count < cap) {
    const want = Math.min(PAGE, cap - count);
    const page = await store.readAll({ after: from, filter, maxCount: want });
    count += page.length;
    const last = page.at(-1);
    if (!last || page.length < want) return { count, capped: false };
    from = last.position;
  }
  const [more] = await store.readAll({ after: from, filter, maxCount: 1 });
  return { count, capped: more !== undefined };
}

/** The first event matching `filter` after `after`, i.e. the next one a projection will apply. */
export async function firstEventAfter(
  store: EventStore,
  filter: AllEventsFilter,
  after: Position | null,
): Promise<RecordedEvent | null> {
  const [next] = await store.readAll({ after: after ?? undefined, filter, maxCount: 1 });
  return next ?? null;
}
