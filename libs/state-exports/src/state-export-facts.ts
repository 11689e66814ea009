import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Position } from '@leap/event-store';
import { FactsFold, FIDELITY_STREAM_PREFIXES, type FidelityFacts } from '@leap/fidelity';

const PAGE = 5_000;

/**
 * The facts exports are computed from: the store folded, page by page, through the one fidelity
 * fold (`FactsFold`, the same the fidelity projection and replays use). Reading the store rather
 * than a read model means an export always holds everything recorded before it was asked for.
 */
@Injectable()
export class StateExportFacts {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async facts(): Promise<FidelityFacts> {
    const fold = new FactsFold();
    let after: Position | undefined;
    for (;;) {
      const page = await this.store.readAll({
        after,
        maxCount: PAGE,
        filter: { streamPrefixes: FIDELITY_STREAM_PREFIXES },
      });
      for (const event of page) fold.apply(event);
      if (page.length < PAGE) return fold;
      after = page.at(-1)!.position;
    }
  }
}
