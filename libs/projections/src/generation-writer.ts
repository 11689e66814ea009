import type { Position, RecordedEvent } from '@leap/event-store';
import type { AnyProjection, DocumentTable } from './projection';
import { generationTable, type ReadModels } from './read-models';

export type BatchOutcome = 'applied' | 'superseded';

/** Documents kept in memory between batches, per writer (the most recently used are kept). */
export const DEFAULT_DOCUMENT_CACHE = 10_000;

export interface GenerationRef {
  projection: AnyProjection;
  generation: number;
  /** True for the generation queries read; false for one being built aside. */
  active: boolean;
  /** The generation's checkpoint as this writer last saw it. */
  position: Position | null;
}

export interface WriterOptions {
  cacheSize?: number;
  clock?: () => Date;
}

type Change = { before: unknown; after: unknown };

/**
 * Applies batches of events to one generation of a projection, each batch in one `BEGIN IMMEDIATE`
 * transaction that also moves the checkpoint: documents and checkpoint commit or roll back together,
 * so a crash at any point neither loses nor double-applies an event.
 *
 * The checkpoint moves by compare-and-set from the position this writer last committed. If another
 * writer moved it, or a rebuild swapped the generation out, the batch is not applied ('superseded')
 * and this writer must be discarded; the caller re-reads the checkpoint and resubscribes.
 *
 * Within a batch every document is loaded once, folded through all of its events in memory, and
 * written once. Committed documents are also kept in a bounded cache, so a document touched again
 * in a later batch is not read and parsed again. The cache is filled only after a commit and dies
 * with the writer, which is the generation's only writer while its compare-and-set succeeds, so it
 * cannot go stale. (Hence `evolve` must not mutate the document it is given.)
 */
export class GenerationWriter {
  private readonly table: DocumentTable<unknown>;
  private readonly inTransaction: (
    events: RecordedEvent[],
    to: Position,
    changes: Map<string, Change>,
    prepared: ReadonlyMap<string, unknown> | undefined,
  ) => BatchOutcome;
  private readonly cache = new Map<string, unknown>();
  private readonly cacheSize: number;
  private readonly clock: () => Date;
  private position: Position | null;

  constructor(
    private readonly readModels: ReadModels,
    private readonly ref: GenerationRef,
    options: WriterOptions = {},
  ) {
    const { projection, generation } = ref;
    this.position = ref.position;
    this.cacheSize = options.cacheSize ?? DEFAULT_DOCUMENT_CACHE;
    this.clock = options.clock ?? (() => new Date());
    this.table = projection.store.open(readModels.db, generationTable(projection.name, generation));
    const transaction = readModels.db.transaction(
      (
        events: RecordedEvent[],
        to: Position,
        changes: Map<string, Change>,
        prepared: ReadonlyMap<string, unknown> | undefined,
      ) => this.applyInTransaction(events, to, changes, prepared),
    );
    this.inTransaction = (events, to, changes, prepared) =>
      transaction.immediate(events, to, changes, prepared);
  }

  /** Position of the last event this writer committed (null: none yet). */
  get checkpoint(): Position | null {
    return this.position;
  }

  /**
   * Applies the events (in position order, all after the checkpoint) and moves the checkpoint to the
   * last. `prepared`: what the projection's `prepare` answered for these events.
   */
  apply(events: RecordedEvent[], prepared?: ReadonlyMap<string, unknown>): BatchOutcome {
    const last = events.at(-1);
    if (!last) return 'applied';
    const changes = new Map<string, Change>();
    const outcome = this.inTransaction(events, last.position, changes, prepared);
    if (outcome === 'applied') {
      this.position = last.position;
      for (const [key, { after }] of changes) this.remember(key, after);
      const purgeOn = this.ref.projection.purgeOn ?? [];
      if (this.readModels.purgePending || events.some((event) => purgeOn.includes(event.type)))
        this.readModels.purge();
    }
    return outcome;
  }

  private applyInTransaction(
    events: RecordedEvent[],
    to: Position,
    changes: Map<string, Change>,
    prepared: ReadonlyMap<string, unknown> | undefined,
  ): BatchOutcome {
    const { projection, generation, active } = this.ref;
    const now = this.clock().toISOString();
    const ref = { projection: projection.name, generation, active };
    if (!this.readModels.checkpoints.advance(ref, this.position, to, events.length, now)) return 'superseded';
    for (const event of events) {
      const key = projection.keyOf(event);
      if (key === null) continue;
      let change = changes.get(key);
      if (!change) {
        const before = this.cache.has(key) ? this.cache.get(key) : this.table.load(key);
        change = { before, after: before };
        changes.set(key, change);
      }
      try {
        change.after = projection.evolve(change.after, event, prepared?.get(event.id));
      } catch (error) {
        throw new ProjectionEventError(projection.name, event, error);
      }
    }
    for (const [key, { before, after }] of changes) {
      if (after !== before) this.table.write(key, after, before);
    }
    return 'applied';
  }

  private remember(key: string, doc: unknown): void {
    if (this.cacheSize <= 0) return;
    this.cache.delete(key);
    this.cache.set(key, doc);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** An event a projection could not apply; the batch it was in rolled back. */
export class ProjectionEventError extends Error {
  override readonly name = 'ProjectionEventError';
  constructor(projection: string, event: RecordedEvent, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `${projection} failed on ${event.type} at position ${event.position} (${event.streamId}): ${reason}`,
      {
        cause,
      },
    );
  }
}
