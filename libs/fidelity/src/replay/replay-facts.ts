import type { EventStore } from '@leap/event-store';
import { CASE_STREAM, FactsFold } from '../domain/evolve-facts';
import { fidelityEventsFilter } from '../read-models/fidelity-facts.projection';

export interface ReplayOptions {
  /** Only case events recorded by this instant (epoch ms) are folded: what the system knew then. */
  knownAt?: number;
  /** Events per read (default 5,000). */
  pageSize?: number;
  /** Called after each page with the events read so far. */
  onProgress?: (eventsRead: number) => void;
}

export interface Replay {
  facts: FactsFold;
  eventsRead: number;
  /** Position of the last event read, null for an empty store. */
  position: string | null;
}

/**
 * Replays the store through the fidelity fold (`evolveFacts`), in memory, page by page in global
 * order: no read model is read or written. The registry (districts, visitors) is always folded
 * whole, so scopes are judged on what exists now; the metrics cut it by `knownAt` like everything else.
 */
export async function replayFacts(store: EventStore, options: ReplayOptions = {}): Promise<Replay> {
  const fold = new FactsFold();
  const maxCount = options.pageSize ?? 5_000;
  const knownAt = options.knownAt ?? Number.POSITIVE_INFINITY;
  let after: string | undefined;
  let eventsRead = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount, filter: fidelityEventsFilter });
    for (const event of page) {
      if (event.streamId.startsWith(CASE_STREAM) && Date.parse(event.recordedAt) > knownAt) continue;
      fold.apply(event);
    }
    eventsRead += page.length;
    options.onProgress?.(eventsRead);
    if (page.length < maxCount)
      return { facts: fold, eventsRead, position: page.at(-1)?.position ?? after ?? null };
    after = page.at(-1)?.position;
  }
}
