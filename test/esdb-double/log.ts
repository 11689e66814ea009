import { randomUUID } from 'node:crypto';
import {
  DELETED_STREAM,
  decideDelete,
  decideWrite,
  type Expected,
  type StreamSnapshot,
} from './expected-revision';
import {
  metadataEvent,
  metadataStreamOf,
  softDeleteMetadata,
  StreamState,
  truncateBeforeOf,
} from './stream-state';

/** One record of the transaction log, as the server stores and sends it. */
export interface StoredEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  /** Commit and prepare position: the record's offset in the log (one record per event). */
  readonly position: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch. */
  readonly created: bigint;
}

export type ProposedEvent = Pick<StoredEvent, 'id' | 'type' | 'isJson' | 'data' | 'metadata'>;

export type WriteOutcome =
  /** `position` is undefined when nothing was written (an empty batch). */
  | { kind: 'written' | 'idempotent'; lastRevision: bigint; position: bigint | undefined }
  | { kind: 'wrong_expected_version'; current: bigint }
  | { kind: 'stream_deleted' };

/** Fixed overhead of a prepare record, so positions grow by a realistic amount per event. */
const RECORD_HEADER_BYTES = 112;
/** The first record follows the log's epoch record. */
const FIRST_POSITION = 256n;

/**
 * The in-memory transaction log: every record in global order (`$all`), plus per-stream state.
 * All mutations are synchronous, so each write is atomic and positions follow commit order.
 * Readers that wait for new records call `changed()`.
 */
export class EventLog {
  private readonly records: StoredEvent[] = [];
  private readonly streams = new Map<string, StreamState>();
  private nextPosition = FIRST_POSITION;
  private notify: () => void = () => undefined;
  private nextChange: Promise<void> = this.renewChange();

  constructor(private readonly clock: () => number = Date.now) {}

  /** Every record in position order. */
  get all(): readonly StoredEvent[] {
    return this.records;
  }

  /** Resolves on the next write of any kind. */
  changed(): Promise<void> {
    return this.nextChange;
  }

  /** State of a stream; a stream nobody wrote to is empty, not undefined. */
  stream(streamId: string): StreamState {
    let state = this.streams.get(streamId);
    if (!state) {
      state = new StreamState(streamId);
      this.streams.set(streamId, state);
    }
    return state;
  }

  /** Index in `all` of the first record strictly after `position`. */
  indexAfter(position: bigint): number {
    let [low, high] = [0, this.records.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.records[middle]?.position ?? 0n) <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  append(streamId: string, expected: Expected, events: readonly ProposedEvent[]): WriteOutcome {
    const stream = this.stream(streamId);
    const decision = decideWrite(
      snapshot(stream),
      expected,
      events.map((event) => event.id),
    );
    switch (decision.kind) {
      case 'stream_deleted':
      case 'wrong_expected_version':
        return decision;
      case 'idempotent':
        return { ...decision, position: stream.eventAt(decision.lastRevision)?.position };
      case 'append':
        break;
    }
    if (events.length === 0)
      return { kind: 'written', lastRevision: stream.lastRevision, position: undefined };
    // Writing to a soft-deleted stream recreates it: the server first moves `$tb` to the new events.
    if (stream.softDeleted) {
      const current = this.stream(metadataStreamOf(streamId)).latestMetadata();
      this.record(metadataStreamOf(streamId), metadataEvent({ ...current, $tb: stream.lastRevision + 1n }));
    }
    let last: StoredEvent | undefined;
    for (const event of events) last = this.record(streamId, event);
    this.wake();
    return { kind: 'written', lastRevision: stream.lastRevision, position: last?.position };
  }

  /** Soft delete: `$tb` becomes "deleted" in the metadata stream; the events stay in `$all`. */
  softDelete(streamId: string, expected: Expected): WriteOutcome {
    const stream = this.stream(streamId);
    const decision = decideDelete(snapshot(stream), expected);
    if (decision.kind !== 'append') return decision;
    const current = this.stream(metadataStreamOf(streamId)).latestMetadata();
    const written = this.record(metadataStreamOf(streamId), softDeleteMetadata(current));
    this.wake();
    return { kind: 'written', lastRevision: stream.lastRevision, position: written.position };
  }

  /** Hard delete: a `$streamDeleted` record at revision long.MaxValue closes the stream for good. */
  tombstone(streamId: string, expected: Expected): WriteOutcome {
    const stream = this.stream(streamId);
    const decision = decideDelete(snapshot(stream), expected);
    if (decision.kind !== 'append') return decision;
    const empty = new Uint8Array();
    const event = { id: randomUUID(), type: '$streamDeleted', isJson: false, data: empty, metadata: empty };
    const written = this.record(streamId, event);
    this.wake();
    return { kind: 'written', lastRevision: stream.lastRevision, position: written.position };
  }

  /** Appends one record without checks; system events at start-up use it directly. */
  record(streamId: string, event: ProposedEvent): StoredEvent {
    const stream = this.stream(streamId);
    const tombstone = event.type === '$streamDeleted';
    const stored: StoredEvent = {
      ...event,
      streamId,
      revision: tombstone ? DELETED_STREAM : stream.lastRevision + 1n,
      position: this.nextPosition,
      created: BigInt(this.clock()) * 10_000n,
    };
    this.nextPosition += BigInt(recordSize(stored));
    this.records.push(stored);
    stream.add(stored);
    const target = streamId.startsWith('$$') ? this.stream(streamId.slice(2)) : undefined;
    if (target && event.type === '$metadata') target.truncateBefore = truncateBeforeOf(event);
    return stored;
  }

  wake(): void {
    this.notify();
    this.nextChange = this.renewChange();
  }

  private renewChange(): Promise<void> {
    return new Promise<void>((resolve) => (this.notify = resolve));
  }
}

function snapshot(stream: StreamState): StreamSnapshot {
  return {
    lastRevision: stream.lastRevision,
    tombstoned: stream.tombstoned,
    softDeleted: stream.softDeleted,
    idAt: (revision) => stream.eventAt(revision)?.id,
    revisionOf: (id) => stream.revisionOf(id),
  };
}

function recordSize(event: StoredEvent): number {
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  const size = RECORD_HEADER_BYTES + bytes(event.streamId) + bytes(event.type);
  return size + event.data.length + event.metadata.length;
}
