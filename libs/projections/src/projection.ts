import type Database from 'better-sqlite3';
import type { AllEventsFilter, RecordedEvent } from '@leap/event-store';

/**
 * A projection: a pure fold of events into documents, one document per key, plus the adapter that
 * keeps those documents in SQLite. The runner owns everything else (subscription, batching,
 * checkpoint, rebuilds), so a new read model is one file defining this object and one registration.
 */
export interface Projection<Doc> {
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
   * The document after the event (null deletes it). Pure and deterministic: no clock, no I/O, and it
   * must not mutate `doc` (the runner may keep the previous object as the stored document).
   * Throwing stops the projection at that event (the batch rolls back and the error is reported).
   */
  evolve(doc: Doc | null, event: RecordedEvent): Doc | null;
  readonly store: DocumentStore<Doc>;
  /**
   * Event types after which personal data must be gone from the files (an erasure): once a batch
   * holding one commits, the runner runs the read models' purge checkpoint (`ReadModels.purge`).
   */
  readonly purgeOn?: readonly string[];
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
