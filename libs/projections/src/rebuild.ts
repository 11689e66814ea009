import type { EventStore, Position } from '@leap/event-store';
import { countEvents } from './event-counts';
import { GenerationWriter } from './generation-writer';
import { createGenerationAside, dropGeneration, swapIn } from './generations';
import { prepareBatch, type AnyProjection, type PiiReader } from './projection';
import type { ReadModels } from './read-models';

export interface RebuildProgress {
  projection: string;
  /** Events applied to the new generation so far. */
  done: number;
  /** Matching events in the store when the rebuild started (null when not counted). */
  total: number | null;
  elapsedMs: number;
}

export interface RebuildOptions {
  /** Events per read and per transaction (default 1000). */
  batchSize?: number;
  /** Count the events first, for a progress bar (reads them once more). Default true. */
  countTotal?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
  /** Checked between batches; true abandons the build (the old generation stays active). */
  shouldStop?: () => boolean;
  /** Replace a build that another process is still running. */
  force?: boolean;
  /** Opens personal data for projections with `prepare` (default: clear values only). */
  pii?: PiiReader;
}

export interface RebuildResult {
  projection: string;
  generation: number;
  events: number;
  position: Position | null;
  elapsedMs: number;
  /** False when the build was stopped before it completed (nothing was swapped). */
  swapped: boolean;
}

/**
 * Rebuilds a projection from the first event without disturbing readers: a new generation of its
 * tables is filled aside (page by page, each page one transaction with its checkpoint) while queries
 * keep reading the active one, then swapped in by one transaction. Events appended after the last
 * page are applied by the live runner from the new generation's checkpoint.
 */
export async function rebuildProjection(
  readModels: ReadModels,
  store: EventStore,
  projection: AnyProjection,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 1000;
  const total =
    options.countTotal === false ? null : (await countEvents(store, projection.filter, null)).count;
  const built = createGenerationAside(readModels, projection, new Date(), options.force);
  const writer = new GenerationWriter(readModels, {
    projection,
    generation: built.generation,
    active: false,
    position: null,
  });
  const progress = (done: number): RebuildProgress => ({
    projection: projection.name,
    done,
    total,
    elapsedMs: performance.now() - started,
  });
  let done = 0;
  for (;;) {
    if (options.shouldStop?.()) {
      dropGeneration(readModels, projection, built.generation);
      return { ...result(), swapped: false };
    }
    const page = await store.readAll({
      after: writer.checkpoint ?? undefined,
      filter: projection.filter,
      maxCount: batchSize,
    });
    if (page.length === 0) break;
    const prepared = await prepareBatch(projection, page, options.pii);
    if (writer.apply(page, prepared) === 'superseded') {
      throw new Error(`The rebuild of ${projection.name} was replaced by another rebuild`);
    }
    done += page.length;
    options.onProgress?.(progress(done));
    // Let the process serve other work (HTTP requests, the live runner) between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
  swapIn(readModels, projection, built.generation);
  options.onProgress?.(progress(done));
  return { ...result(), swapped: true };

  function result() {
    return {
      projection: projection.name,
      generation: built.generation,
      events: done,
      position: writer.checkpoint,
      elapsedMs: performance.now() - started,
    };
  }
}
