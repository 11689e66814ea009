import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { PII_CIPHER, type PiiCipher } from '@leap/privacy';
import { ReadModelFreshness } from '../freshness';
import { ProjectionRunner } from '../projection-runner';
import { projectionStatus, type ProjectionStatus } from '../projection-status';
import type { ReadModels } from '../read-models';
import { describeOtherRunner, holdRunnerMarker, type HeldMarker } from '../runner-marker';
import { ProjectionRegistry } from './projection-registry';
import { READ_MODELS, type ProjectionsConfig, PROJECTIONS_CONFIG } from './projections.config';

/**
 * Runs the registered projections inside the API process: started once every module has registered
 * its projections (application bootstrap), stopped before the event store and the read-model file
 * close (module destroy comes before application shutdown).
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnModuleDestroy {
  private runner: ProjectionRunner | null = null;
  private marker: HeldMarker | null = null;
  readonly freshness: ReadModelFreshness;

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS_CONFIG) private readonly config: ProjectionsConfig,
    private readonly registry: ProjectionRegistry,
    /** Opens personal data for the projections that prepare it (a search by name). */
    @Optional() @Inject(PII_CIPHER) private readonly cipher?: PiiCipher,
  ) {
    this.freshness = new ReadModelFreshness(readModels, store, (listener) =>
      this.runner ? this.runner.onAdvance(listener) : () => undefined,
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.runInProcess) return;
    const logger = new Logger('Projections');
    const marker = holdRunnerMarker(this.readModels.db.name);
    if ('heldBy' in marker) logger.warn(describeOtherRunner(this.readModels.db.name, marker.heldBy));
    else this.marker = marker;
    this.runner = new ProjectionRunner(this.readModels, this.store, this.registry.all(), {
      limits: this.config.batch,
      pii: this.cipher,
      logger: { log: (message) => logger.log(message), error: (message) => logger.error(message) },
    });
    this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner?.stop();
    this.marker?.release();
  }

  status(): Promise<ProjectionStatus[]> {
    const now = new Date();
    return Promise.all(
      this.registry.all().map((projection) => projectionStatus(this.readModels, this.store, projection, now)),
    );
  }
}
