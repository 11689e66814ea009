import type { EventStore } from '@leap/event-store';
import { ensureActiveGeneration } from './generations';
import { assertProjectionName, type AnyProjection } from './projection';
import { ProjectionLoop, type LoopOptions } from './projection-loop';
import type { ReadModels } from './read-models';

/**
 * Runs every registered projection in this process, each in its own loop on its own subscription
 * (one slow or failing projection never holds up another). Plain TypeScript: the Nest module and
 * the CLI both drive it.
 *
 * Run one runner per read-model file. A second one (another process) stays correct, since the
 * compare-and-set checkpoint refuses a batch another runner already applied, but wastes work.
 */
export class ProjectionRunner {
  private readonly loops: ProjectionLoop[];
  private readonly listeners = new Set<(projection: string) => void>();
  private started = false;
  /** The store's change polling does not hold the process open; a started runner does, until stopped. */
  private keepAlive: NodeJS.Timeout | undefined;

  constructor(
    private readonly readModels: ReadModels,
    store: EventStore,
    readonly projections: readonly AnyProjection[],
    options: LoopOptions = {},
  ) {
    const names = new Set<string>();
    for (const projection of projections) {
      assertProjectionName(projection.name);
      if (names.has(projection.name)) throw new Error(`Projection ${projection.name} is registered twice`);
      names.add(projection.name);
    }
    this.loops = projections.map(
      (projection) =>
        new ProjectionLoop(readModels, store, projection, () => this.notify(projection.name), options),
    );
  }

  /** Creates missing tables at once (so queries never meet a missing table), then follows in the background. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.keepAlive = setInterval(() => undefined, 1 << 30);
    for (const loop of this.loops) {
      ensureActiveGeneration(this.readModels, loop.projection, new Date());
      loop.start();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
    clearInterval(this.keepAlive);
  }

  /** Calls `listener` after every committed batch of any projection; returns the unsubscribe function. */
  onAdvance(listener: (projection: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(projection: string): void {
    for (const listener of [...this.listeners]) listener(projection);
  }
}
