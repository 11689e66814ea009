import type { EventStore, Position } from '@leap/event-store';
import { firstEventAfter } from './event-counts';
import type { AnyProjection } from './projection';
import type { ReadModels } from './read-models';

/** How often the checkpoint is re-read while waiting, for runners in other processes (ms). */
const POLL_MS = 25;

/**
 * Read-your-writes: a command answers the position it wrote, and a query may wait until its read
 * model reflects that position.
 *
 * A projection has caught up with `minPosition` when its checkpoint is at or after it, or when the
 * store has reached `minPosition` and no event the projection subscribes to lies between its
 * checkpoint and `minPosition` (the position may belong to an event the projection filters out,
 * which never moves its checkpoint).
 */
export class ReadModelFreshness {
  constructor(
    private readonly readModels: ReadModels,
    private readonly store: EventStore,
    /** Wakes waiters as soon as a runner in this process commits (optional; they poll anyway). */
    private readonly onAdvance?: (listener: (projection: string) => void) => () => void,
  ) {}

  /** @throws RangeError (from the store) when `minPosition` is not a position of this store. */
  async isCaughtUp(projection: AnyProjection, minPosition: Position): Promise<boolean> {
    const active = this.readModels.checkpoints.active(projection.name);
    if (!active) return false;
    const checkpoint = active.position;
    if (checkpoint !== null && this.store.comparePositions(checkpoint, minPosition) >= 0) return true;
    // A position the store has not reached yet is not caught up with, even with nothing between.
    const head = await this.store.headPosition();
    if (head === null || this.store.comparePositions(head, minPosition) < 0) return false;
    const next = await firstEventAfter(this.store, projection.filter, checkpoint);
    return next === null || this.store.comparePositions(next.position, minPosition) > 0;
  }

  /** Resolves true once the projection has caught up with `minPosition`, false after `timeoutMs`. */
  async waitForPosition(
    projection: AnyProjection,
    minPosition: Position,
    timeoutMs: number,
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.isCaughtUp(projection, minPosition)) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.advanceOrTimeout(projection.name, Math.min(left, POLL_MS));
    }
  }

  private advanceOrTimeout(name: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let unsubscribe = () => {};
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
      unsubscribe = this.onAdvance?.((projection) => projection === name && done()) ?? unsubscribe;
    });
  }
}
