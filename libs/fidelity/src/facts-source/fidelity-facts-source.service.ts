import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { PROJECTIONS_CONFIG, ProjectionsService, type ProjectionsConfig } from '@leap/projections';
import type { FidelityFacts } from '../domain/facts';
import { FIDELITY_FACTS, fidelityFactsProjection } from '../read-models/fidelity-facts.projection';
import { FidelityFactsReader } from '../read-models/fidelity-facts.reader';
import { replayFacts } from '../replay/replay-facts';

export interface SourcedFacts {
  facts: FidelityFacts;
  /** The position the facts reflect, null for an empty store. */
  position: string | null;
}

/**
 * The one way every reader of the fidelity facts gets them (`GET /v1/fidelity` and its series,
 * the state exports, the funding preview): without a cut, the `fidelity_facts` read model; with a
 * cut (`knownAt`, or a series' business dates), a replay of the store through the same fold.
 * 503 `read_model_behind` while the read model is not built yet, or not caught up within the wait.
 */
@Injectable()
export class FidelityFactsSource {
  constructor(
    private readonly reader: FidelityFactsReader,
    private readonly projections: ProjectionsService,
    @Inject(PROJECTIONS_CONFIG) private readonly config: ProjectionsConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The projected facts of one district (or of all, null) as the read model holds them now. */
  projected(districtId: string | null): SourcedFacts {
    return this.reader.read(districtId);
  }

  /**
   * The projected facts once the read model holds every event recorded before this call
   * (read-your-writes without a position to pass: what an audited export or a funding decision
   * needs). Waits at most `LEAP_MIN_POSITION_WAIT_MS`, then answers 503 `read_model_behind`.
   */
  async projectedUpToNow(districtId: string | null): Promise<SourcedFacts> {
    const head = await this.store.headPosition();
    if (head !== null) {
      const wait = this.config.minPositionWaitMs;
      const caughtUp = await this.projections.freshness.waitForPosition(fidelityFactsProjection, head, wait);
      if (!caughtUp) {
        throw new ServiceUnavailableException({
          code: 'read_model_behind',
          message: `The ${FIDELITY_FACTS} read model has not reached position ${head} within ${wait} ms`,
        });
      }
    }
    return this.reader.read(districtId);
  }

  /** The store replayed through the fold: every district, only case events recorded by `knownAt`. */
  async replayed(knownAt?: number): Promise<SourcedFacts> {
    const { facts, position } = await replayFacts(this.store, { knownAt });
    return { facts, position };
  }
}
