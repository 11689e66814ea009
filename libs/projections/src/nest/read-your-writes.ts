import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { RequestValidationError } from '@leap/http';
import { ProjectionRegistry } from './projection-registry';
import { PROJECTIONS_CONFIG, type ProjectionsConfig } from './projections.config';
import { ProjectionsService } from './projections.service';

/** Seconds a client is told to wait before asking again when a read model is behind. */
const RETRY_AFTER_SECONDS = 1;

/**
 * The query side of read-your-writes. A query endpoint passes its `minPosition` (the position a
 * command answered) here before reading: it returns once the read model reflects that position,
 * or answers 503 `read_model_behind` with `Retry-After` after the bounded wait.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly registry: ProjectionRegistry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS_CONFIG) private readonly config: ProjectionsConfig,
  ) {}

  async waitFor(projectionName: string, minPosition: string | undefined, response: Response): Promise<void> {
    if (minPosition === undefined) return;
    try {
      this.store.comparePositions(minPosition, minPosition);
    } catch {
      throw new RequestValidationError([
        { path: 'minPosition', reason: 'minPosition must be a position returned by a command' },
      ]);
    }
    const projection = this.registry.get(projectionName);
    const wait = this.config.minPositionWaitMs;
    if (await this.projections.freshness.waitForPosition(projection, minPosition, wait)) return;
    response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    throw new ServiceUnavailableException({
      code: 'read_model_behind',
      message: `The ${projectionName} read model has not reached position ${minPosition} within ${wait} ms`,
    });
  }
}
