import type { AllSubscription, EventStore, Position } from '@leap/event-store';
import { DEFAULT_BATCH_LIMITS, inBatches, type BatchLimits } from './batches';
import type { GenerationRow } from './checkpoints';
import { GenerationWriter } from './generation-writer';
import { ensureActiveGeneration } from './generations';
import { prepareBatch, type AnyProjection, type PiiReader } from './projection';
import type { ReadModels } from './read-models';
import { rebuildProjection } from './rebuild';

export interface RunnerLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface LoopOptions {
  limits?: BatchLimits;
  /** Documents each projection keeps in memory between batches (default 10,000). */
  cacheSize?: number;
  /** Pause before retrying after the n-th consecutive failure (ms). */
  retryDelayMs?: (failures: number) => number;
  logger?: RunnerLogger;
  /** Opens personal data for projections with `prepare` (default: clear values only). */
  pii?: PiiReader;
}

type FollowEnd = 'stopped' | 'superseded' | 'ended';

const backoff = (failures: number) => Math.min(30_000, 250 * 2 ** Math.min(failures - 1, 7));
const quiet: RunnerLogger = { log: () => undefined, error: () => undefined };

/**
 * Keeps one projection's active generation up to date: subscribe after its checkpoint, apply
 * batches, and start over from the stored checkpoint whenever something goes wrong.
 *
 * - A failing batch (an event evolve cannot apply, a locked file) rolls back whole; the error is
 *   recorded on the checkpoint row and retried with backoff, so the projection stops at the poison
 *   event rather than skipping it.
 * - If the checkpoint moved under it (another runner on the same file, or a rebuild swapped the
 *   generation), its batch is refused and it resubscribes from the stored checkpoint.
 * - If the stored documents were built by another version of the projection, it rebuilds aside and
 *   swaps (the old documents are served, without updates, until then).
 */
export class ProjectionLoop {
  private stopped = false;
  private failures = 0;
  private subscription: AllSubscription | null = null;
  private wake: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private readonly logger: RunnerLogger;

  constructor(
    private readonly readModels: ReadModels,
    private readonly store: EventStore,
    readonly projection: AnyProjection,
    private readonly onAdvance: (position: Position) => void,
    private readonly options: LoopOptions = {},
  ) {
    this.logger = options.logger ?? quiet;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Stops after the batch in progress (if any) commits; resolves once the loop has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.subscription?.close();
    await this.running;
  }

  private async run(): Promise<void> {
    const { projection } = this;
    while (!this.stopped) {
      try {
        const active = ensureActiveGeneration(this.readModels, projection, new Date());
        if (active.version !== projection.version) {
          this.logger.log(
            `${projection.name}: stored v${active.version}, code v${projection.version}; rebuilding aside`,
          );
          await rebuildProjection(this.readModels, this.store, projection, {
            countTotal: false,
            shouldStop: () => this.stopped,
            pii: this.options.pii,
          });
          continue;
        }
        if ((await this.follow(active)) === 'ended') await this.pause(100);
      } catch (error) {
        if (this.stopped) break;
        this.failures += 1;
        this.report(error);
        await this.pause((this.options.retryDelayMs ?? backoff)(this.failures));
      }
    }
  }

  private async follow(active: GenerationRow): Promise<FollowEnd> {
    const { projection } = this;
    const writer = new GenerationWriter(
      this.readModels,
      { projection, generation: active.generation, active: true, position: active.position },
      { cacheSize: this.options.cacheSize },
    );
    const subscription = this.store.subscribeToAll({
      after: active.position ?? undefined,
      filter: projection.filter,
    });
    this.subscription = subscription;
    try {
      for await (const batch of inBatches(subscription, this.options.limits ?? DEFAULT_BATCH_LIMITS)) {
        // A batch read while stopping is left for the next run: it is after the stored checkpoint.
        if (this.stopped) return 'stopped';
        const prepared = await prepareBatch(projection, batch, this.options.pii);
        if (this.stopped) return 'stopped';
        if (writer.apply(batch, prepared) === 'superseded') return 'superseded';
        this.failures = 0;
        this.onAdvance(writer.checkpoint!);
      }
      return this.stopped ? 'stopped' : 'ended';
    } finally {
      this.subscription = null;
      await subscription.close();
    }
  }

  private report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`${this.projection.name}: ${message}`);
    try {
      const active = this.readModels.checkpoints.active(this.projection.name);
      if (active) {
        this.readModels.checkpoints.recordError(
          this.projection.name,
          active.generation,
          message,
          new Date().toISOString(),
        );
      }
    } catch {
      // The read-model file itself is failing; the log line above is all we can leave.
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
