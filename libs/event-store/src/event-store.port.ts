/**
 * The event store port. The event store is the only source of truth; every adapter (embedded
 * SQLite, EventStoreDB) honours this contract, which `contract/event-store.contract.ts` tests.
 *
 * Streams are named `<category>-<id>`: the category ends at the first dash, ids may contain dashes.
 * Positions are opaque strings to everyone but the adapter that issued them; compare them with
 * `EventStore.comparePositions`.
 */
export type Position = string;

/** What an appender expects of the stream before its events go in. */
export type ExpectedRevision =
  | 'any'
  | 'no_stream'
  | 'stream_exists'
  /** The revision of the stream's last event (0-based). */
  | bigint;

export type JsonObject = { [key: string]: unknown };

export interface EventToAppend {
  /** A UUID. Appending an event id that is already stored at the same place is a no-op. */
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

export interface RecordedEvent {
  id: string;
  streamId: string;
  /** 0-based revision of the event in its stream. */
  revision: bigint;
  position: Position;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  /** When the store recorded the event (ISO-8601 instant). */
  recordedAt: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: bigint;
  /** Global position of the last event appended (or of the last event already stored, on a no-op re-append). */
  position: Position;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: bigint;
  maxCount?: number;
}

export interface AllEventsFilter {
  /** Keep events whose stream id starts with one of these prefixes (e.g. `case-`). */
  streamPrefixes?: string[];
  /** Keep events of these types. */
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit to start at the beginning. */
  after?: Position;
  maxCount?: number;
  filter?: AllEventsFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive: deliver events strictly after this position. Omit to start at the beginning. */
  after?: Position;
  filter?: AllEventsFilter;
}

/**
 * A catch-up subscription: delivers stored history, then live events, in position order, with no
 * gaps and no duplicates. Iterate it with `for await`; `close()` ends the iteration.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
  /** Resolves once the subscription has delivered everything stored when it started. */
  readonly caughtUp: Promise<void>;
}

export interface EventStore {
  /** Short name of the adapter (`sqlite`, `eventstoredb`), reported by health checks. */
  readonly kind: string;

  /**
   * Appends atomically: either all events go in at consecutive revisions or none do.
   * @throws WrongExpectedRevisionError, StreamDeletedError
   */
  appendToStream(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;

  /** @throws StreamNotFoundError when the stream has no events; StreamDeletedError when tombstoned. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * The revision of each stream's last event, in the order asked; null for a stream without events.
   * Tells many streams that do not exist yet from those to read, in one call (a bounded number of
   * streams: a remote store asks for them concurrently).
   * @throws StreamDeletedError when one of them is tombstoned
   */
  lastRevisions(streamIds: readonly string[]): Promise<(bigint | null)[]>;

  /** A page of events of every stream in global order (system streams of the server excluded). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;

  /** Tombstones a stream: its events can no longer be read and nothing more can be appended. */
  deleteStream(streamId: string, expected: ExpectedRevision): Promise<void>;

  /** Negative when a is before b, 0 when equal, positive when after. */
  comparePositions(a: Position, b: Position): number;

  /**
   * The position of the last event in the store (server system events included), null when it is
   * empty: every event appended before the call is at or before it. Tells a position the store has
   * not reached yet from one a read model has merely not applied.
   */
  headPosition(): Promise<Position | null>;

  /** Throws when the store cannot be reached; used by the readiness probe. */
  ping(): Promise<void>;

  close(): Promise<void>;
}

/** DI token for the configured event store. */
export const EVENT_STORE = Symbol('EVENT_STORE');
