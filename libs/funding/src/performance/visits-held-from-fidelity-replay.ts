import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { replayFacts } from '@leap/fidelity';
import type { DateRange, VisitsHeldCounter } from './visits-held';
import { visitsHeldFromFacts } from './visits-held-from-facts';

/**
 * Visits held, from the fidelity facts replayed from the store on each request (the fidelity
 * metrics' own replay): always current, with no read model to wait for — an allocation is a rare,
 * state-level decision, so a pass over the case events is an acceptable price.
 */
@Injectable()
export class VisitsHeldFromFidelityReplay implements VisitsHeldCounter {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async visitsHeldByDistrict(range: DateRange): Promise<ReadonlyMap<string, number>> {
    const { facts } = await replayFacts(this.store);
    return visitsHeldFromFacts(facts, range);
  }
}
