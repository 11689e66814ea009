import type Database from 'better-sqlite3';
import { StreamDeletedError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, EventToAppend, ExpectedRevision, JsonObject } from '../event-store.port';

interface StreamState {
  /** Revision of the stream's last event; null when it has none. */
  revision: number | null;
  deleted: 0 | 1;
}

type InsertParams = [
  eventId: string,
  streamId: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];
type SerializedEvent = { id: string; type: string; data: string; metadata: string };
export interface AppendRequest {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
}

/**
 * The only code that writes to the store. Every write is one `BEGIN IMMEDIATE` transaction: it takes
 * the file's write lock before reading the stream's revision, so the expected-revision check and the
 * inserts cannot interleave with another writer (another connection waits on `busy_timeout`). In this
 * process better-sqlite3 runs each transaction synchronously, so concurrent calls serialize.
 *
 * Idempotency: event ids are unique across the store. Appending ids that are already stored, in the
 * same order at consecutive revisions of the same stream, writes nothing and answers what the
 * original append answered, whatever the expected revision. Any other reuse of a stored id (partial
 * overlap, another stream) is a WrongExpectedRevisionError.
 */
export class SqliteStreamWriter {
  private readonly selectState: Database.Statement<[string, string], StreamState>;
  private readonly insertEvent: Database.Statement<InsertParams>;
  private readonly insertTombstone: Database.Statement<[string, string]>;
  private readonly selectById: Database.Statement<[string], { stream_id: string; revision: number }>;
  private readonly selectSlice: Database.Statement<
    [string, number, number],
    { event_id: string; revision: number; position: number }
  >;
  private readonly appendTransaction: Database.Transaction<
    (streamId: string, events: SerializedEvent[], expected: ExpectedRevision) => AppendResult
  >;
  private readonly groupTransaction: Database.Transaction<
    (group: () => Array<AppendResult | Error>) => Array<AppendResult | Error>
  >;
  private readonly tombstoneTransaction: Database.Transaction<
    (streamId: string, expected: ExpectedRevision) => void
  >;

  constructor(db: Database.Database) {
    this.selectState = db.prepare(
      `SELECT (SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1) AS revision,
              EXISTS (SELECT 1 FROM tombstones WHERE stream_id = ?) AS deleted`,
    );
    this.insertEvent = db.prepare(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertTombstone = db.prepare('INSERT INTO tombstones (stream_id, deleted_at) VALUES (?, ?)');
    this.selectById = db.prepare('SELECT stream_id, revision FROM events WHERE event_id = ?');
    this.selectSlice = db.prepare(
      'SELECT event_id, revision, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    );
    this.appendTransaction = db.transaction((streamId, events, expected) =>
      this.appendInTransaction(streamId, events, expected),
    );
    this.groupTransaction = db.transaction((group: () => Array<AppendResult | Error>) => group());
    this.tombstoneTransaction = db.transaction((streamId, expected) =>
      this.tombstoneInTransaction(streamId, expected),
    );
  }

  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): AppendResult {
    const serialized = serialize(streamId, events);
    try {
      return this.appendTransaction.immediate(streamId, serialized, expected);
    } catch (error) {
      return this.afterRefusedAppend(error, streamId, events, expected);
    }
  }

  /**
   * Several appends in one transaction, so one commit (group commit): each append is atomic on its
   * own, and one refused (wrong expected revision, a deleted stream, bad input) is answered with
   * its error while the others go in. Any other failure rolls the whole group back and is thrown.
   *
   * An append is refused before it writes anything (its expected revision and its stream are
   * checked first; a stored id on its first event fails that one insert alone), except when one of
   * its later event ids is already stored. So the group first runs without a savepoint per append;
   * in that rare case it is rolled back whole and run again with each append in a savepoint of its
   * own, which undoes the refused append alone. Either way the outcome is the same.
   */
  appendAll(requests: readonly AppendRequest[]): Array<AppendResult | Error> {
    // Appends of one command or import often share one metadata object: it is written out once.
    const metadataJson = new Map<JsonObject, string>();
    const serialized = requests.map((request) => {
      try {
        return serialize(request.streamId, request.events, metadataJson);
      } catch (error) {
        return error as Error;
      }
    });
    try {
      return this.groupTransaction.immediate(() => this.appendEach(requests, serialized, false));
    } catch (error) {
      if (!(error instanceof PartlyWrittenAppend)) throw error;
      return this.groupTransaction.immediate(() => this.appendEach(requests, serialized, true));
    }
  }

  private appendEach(
    requests: readonly AppendRequest[],
    serialized: ReadonlyArray<SerializedEvent[] | Error>,
    savepoints: boolean,
  ): Array<AppendResult | Error> {
    return requests.map((request, index) => {
      const events = serialized[index]!;
      if (events instanceof Error) return events;
      try {
        return savepoints
          ? this.appendTransaction(request.streamId, events, request.expected)
          : this.appendInTransaction(request.streamId, events, request.expected, false);
      } catch (error) {
        if (error instanceof PartlyWrittenAppend) throw error;
        try {
          return this.afterRefusedAppend(error, request.streamId, request.events, request.expected);
        } catch (refusal) {
          if (refusal instanceof WrongExpectedRevisionError || refusal instanceof StreamDeletedError)
            return refusal;
          throw refusal;
        }
      }
    });
  }

  /** An append rolled back because one of its ids is already stored: a replay, or a conflict. */
  private afterRefusedAppend(
    error: unknown,
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult {
    if (!isDuplicateEventId(error)) throw error;
    // Rolled back: an id is already stored. Stored events never change, so this check outside
    // the append's transaction is as good as one inside it.
    const replay = this.findReplay(streamId, events);
    if (replay) return replay;
    throw new WrongExpectedRevisionError(
      streamId,
      describeExpected(expected),
      this.currentRevision(streamId),
    );
  }

  tombstone(streamId: string, expected: ExpectedRevision): void {
    this.tombstoneTransaction.immediate(streamId, expected);
  }

  /**
   * `undoable`: the caller rolls back (a transaction or savepoint of this append alone) what an
   * insert failing midway leaves behind. When it does not, such a failure is a PartlyWrittenAppend.
   */
  private appendInTransaction(
    streamId: string,
    events: SerializedEvent[],
    expected: ExpectedRevision,
    undoable = true,
  ): AppendResult {
    const state = this.readState(streamId);
    if (!meetsExpected(expected, state.revision)) {
      const replay = this.findReplay(streamId, events);
      if (replay) return replay;
      throw new WrongExpectedRevisionError(streamId, describeExpected(expected), toBigInt(state.revision));
    }
    const recordedAt = new Date().toISOString();
    let revision = state.revision ?? -1;
    let position = 0;
    for (const event of events) {
      revision += 1;
      try {
        const { lastInsertRowid } = this.insertEvent.run(
          event.id,
          streamId,
          revision,
          event.type,
          event.data,
          event.metadata,
          recordedAt,
        );
        position = Number(lastInsertRowid);
      } catch (error) {
        if (!undoable && event !== events[0]) throw new PartlyWrittenAppend(error);
        throw error;
      }
    }
    return { nextRevision: BigInt(revision), position: String(position) };
  }

  private tombstoneInTransaction(streamId: string, expected: ExpectedRevision): void {
    const state = this.readState(streamId);
    if (!meetsExpected(expected, state.revision)) {
      throw new WrongExpectedRevisionError(streamId, describeExpected(expected), toBigInt(state.revision));
    }
    this.insertTombstone.run(streamId, new Date().toISOString());
  }

  /** Throws StreamDeletedError for a tombstoned stream: nothing, not even a replay, goes in after. */
  private readState(streamId: string): StreamState {
    const state = this.selectState.get(streamId, streamId);
    if (!state) throw new Error('SQLite returned no row for a scalar query');
    if (state.deleted) throw new StreamDeletedError(streamId);
    return state;
  }

  private currentRevision(streamId: string): bigint | null {
    return toBigInt(this.readState(streamId).revision);
  }

  /** The original result when `events` are exactly a run of events already stored in this stream. */
  private findReplay(streamId: string, events: ReadonlyArray<{ id: string }>): AppendResult | null {
    const first = events[0] && this.selectById.get(events[0].id);
    if (!first || first.stream_id !== streamId) return null;
    const stored = this.selectSlice.all(streamId, first.revision, events.length);
    if (stored.length !== events.length || stored.some((row, index) => row.event_id !== events[index]?.id))
      return null;
    const last = stored[stored.length - 1];
    return last ? { nextRevision: BigInt(last.revision), position: String(last.position) } : null;
  }
}

/** An insert failed after others of the same append went in, with nothing to undo them but the whole group. */
class PartlyWrittenAppend extends Error {
  constructor(cause: unknown) {
    super('an append failed midway in a group without savepoints', { cause });
  }
}

/**
 * Serialized before taking the write lock, to hold it as briefly as possible. `metadataJson`: the
 * JSON of metadata objects already written out by this call's caller, reused for the same object
 * (nothing runs between the two, so the object cannot have changed).
 */
function serialize(
  streamId: string,
  events: EventToAppend[],
  metadataJson = new Map<JsonObject, string>(),
): SerializedEvent[] {
  if (events.length === 0) throw new RangeError(`appendToStream(${streamId}) needs at least one event`);
  if (new Set(events.map((event) => event.id)).size !== events.length) {
    throw new RangeError(`appendToStream(${streamId}) got the same event id twice`);
  }
  return events.map((event) => {
    let metadata = metadataJson.get(event.metadata);
    if (metadata === undefined) {
      metadata = JSON.stringify(event.metadata);
      metadataJson.set(event.metadata, metadata);
    }
    return { id: event.id, type: event.type, data: JSON.stringify(event.data), metadata };
  });
}

function meetsExpected(expected: ExpectedRevision, revision: number | null): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return revision === null;
    case 'stream_exists':
      return revision !== null;
    default:
      return revision !== null && BigInt(revision) === expected;
  }
}

export function describeExpected(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? expected.toString() : expected;
}

function toBigInt(revision: number | null): bigint | null {
  return revision === null ? null : BigInt(revision);
}

/**
 * Recognised by shape, not `instanceof`: the native addon keeps the SqliteError class (and so the
 * `Error` realm) of whichever copy of better-sqlite3 loaded it first; jest gives every test file
 * its own copy and its own globals.
 */
function isDuplicateEventId(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id')
  );
}
