import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { FIDELITY_STREAM_PREFIXES, FactsFold } from '@leap/fidelity';
import type { DateRange, VisitsHeldCounter } from './visits-held';
import { visitsHeldFromFacts } from './visits-held-from-facts';

const PAGE = 5_000;

/**
 * Visits held, replayed from the store through the fidelity fold on each request (cases, visitors
 * and districts only): always current, with no read model to wait for — an allocation is a rare,
 * state-level decision, so a pass over the case events is an acceptable price.
 */
@Injectable()
export class VisitsHeldFromFidelityReplay implements VisitsHeldCounter {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async visitsHeldByDistrict(range: DateRange): Promise<ReadonlyMap<string, number>> {
    const fold = new FactsFold();
    let after: string | undefined;
    for (;;) {
      const page = await this.store.readAll({
        after,
        maxCount: PAGE,
        filter: { streamPrefixes: FIDELITY_STREAM_PREFIXES },
      });
      for (const event of page) fold.apply(event);
      if (page.length < PAGE) return visitsHeldFromFacts(fold, range);
      after = page.at(-1)?.position;
    }
  }
}
