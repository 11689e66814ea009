import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { replayFacts, type FidelityFacts } from '@leap/fidelity';

/**
 * The facts exports are computed from: the store replayed through the one fidelity fold (the same
 * the fidelity projection, replays and series use). Reading the store rather than a read model
 * means an export always holds everything recorded before it was asked for.
 */
@Injectable()
export class StateExportFacts {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async facts(): Promise<FidelityFacts> {
    return (await replayFacts(this.store)).facts;
  }
}
