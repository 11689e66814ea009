import type Database from 'better-sqlite3';
import type { AllEventsFilter, RecordedEvent } from '@leap/event-store';

/**
 * A projection: a pure fold of events into documents, one document per key, plus the adapter that
 * keeps those documents in SQLite. The runner owns everything else (subscription, batching,
 * checkpoint, rebuilds), so a new read model is one file defining this object and one registration.
 */
export interface Projection<Doc, Prepared = unknown> {
  /** Lower snake case (`case_summaries`). Names the checkpoint row and prefixes the SQLite tables. */
  readonly name: string;
  /**
   * Bump when `evolve` or the store layout changes. A runner that finds documents built by another
   * version rebuilds them aside and swaps (the old model is served meanwhile).
   */
  readonly version: number;
  /** The events the projection needs (stream prefixes and/or types); the runner subscribes with it. */
  readonly filter: AllEventsFilter;
  /** The document an event belongs to; null when the event changes no document. */
  keyOf(event: RecordedEvent): string | null;
  /**
   * Optional, for the few read models that need personal data (a search by name): what `evolve`
   * needs of a batch's events that it cannot compute purely, by event id. Called once per batch,
   * before the batch's evolves, by the live runner and by rebuilds alike; `pii` opens sealed
   * personal data. Projections without it never cause a key to be read.
   */
  prepare?(events: readonly RecordedEvent[], pii: PiiReader): Promise<ReadonlyMap<string, Prepared>>;
  /**
   * The document after the event (null deletes it). Pure and deterministic: no clock, no I/O, and it
   * must not mutate `doc` (the runner may keep the previous object as the stored document).
   * `prepared` is what `prepare` answered for this event, if anything.
   * Throwing stops the projection at that event (the batch rolls back and the error is reported).
   */
  evolve(doc: Doc | null, event: RecordedEvent, prepared?: Prepared): Doc | null;
  readonly store: DocumentStore<Doc>;
  /**
   * Event types after which personal data must be gone from the files (an erasure): once a batch
   * holding one commits, the runner runs the read models' purge checkpoint (`ReadModels.purge`).
   */
  readonly purgeOn?: readonly string[];
}

/** Opens a sealed `pii` value in the context it was sealed in (the PII cipher's `open`). */
export interface PiiReader {
  open(
    value: unknown,
    context: { streamId: string; eventType: string },
  ): Promise<Record<string, unknown> | { readonly erased: true }>;
}

/**
 * The reader of a runner given no cipher (unit tests, tools): clear values are answered as they
 * are, a sealed value is an error that stops the projection, never a silent gap in a read model.
 */
export const CLEAR_PII_ONLY: PiiReader = {
  open(value) {
    if (typeof value === 'object' && value !== null && '$sealed' in value) {
      return Promise.reject(new Error('Sealed personal data, and no PII cipher was given to the runner'));
    }
    return Promise.resolve(typeof value === 'object' && value !== null ? { ...value } : {});
  },
};

/** What a batch's `prepare` answered (undefined: the projection prepares nothing). */
export function prepareBatch(
  projection: AnyProjection,
  events: readonly RecordedEvent[],
  pii: PiiReader | undefined,
): Promise<ReadonlyMap<string, unknown> | undefined> {
  if (!projection.prepare || events.length === 0) return Promise.resolve(undefined);
  return projection.prepare(events, pii ?? CLEAR_PII_ONLY);
}

/** How a projection keeps its documents in SQLite, for any generation of its tables. */
export interface DocumentStore<Doc> {
  /** Creates the tables of one generation; every table name must start with `table`. */
  create(db: Database.Database, table: string): void;
  /** Drops every table `create` made for this generation. */
  drop(db: Database.Database, table: string): void;
  /** Prepared reads and writes on one generation's tables. */
  open(db: Database.Database, table: string): DocumentTable<Doc>;
}

export interface DocumentTable<Doc> {
  load(key: string): Doc | null;
  /**
   * Stores `doc` under `key` (null: deletes it). `before` is the stored document, so an adapter can
   * skip secondary rows that did not change. Runs inside the runner's batch transaction.
   */
  write(key: string, doc: Doc | null, before: Doc | null): void;
}

/** A projection whose document type does not matter to the caller (registries, the runner). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProjection = Projection<any>;

const NAME = /^[a-z][a-z0-9_]{0,40}$/;

/** Projection names become SQL identifiers, so they are checked once, where they are registered. */
export function assertProjectionName(name: string): void {
  if (!NAME.test(name)) throw new Error(`Projection name must match ${NAME}: ${name}`);
}
