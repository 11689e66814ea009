import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  jsonEvent,
  type AppendExpectedRevision,
  type Position as ClientPosition,
} from '@eventstore/db-client';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../errors';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { toStoreError } from './client-errors';
import { deadlineOf, withDeadline } from './deadlines';
import { EventStoreDbAllSubscription } from './eventstoredb-subscription';
import { compareClientPositions, decodePosition, encodePosition } from './positions';
import { headOfAll, readAllEvents } from './read-all';
import { DEFAULT_RECONNECT, type ReconnectPolicy, type SubscriptionSource } from './reconnect';
import { collectEvents } from './recorded-events';
import { serverFilterFor } from './server-filter';

export interface EventStoreDbOptions {
  /** Longest an append, a read or a delete may take (default: the connection string's `defaultDeadline`, else 10 s). */
  deadlineMs?: number;
  /** How `$all` subscriptions resubscribe after the connection breaks. */
  reconnect?: ReconnectPolicy;
}

/**
 * The port over EventStoreDB (gRPC client 6.x). The server does the hard parts: atomic appends with
 * optimistic concurrency, idempotent re-appends of the same event ids at the same expected
 * revision (with `any` only best-effort), tombstones, and catch-up subscriptions. This adapter adds
 * what a server that goes away or hangs needs: every append, read and delete ends within the
 * deadline (EventStoreDeadlineError), and `$all` subscriptions resubscribe after a dropped connection
 * from the last record delivered (see EventStoreDbAllSubscription). Positions stay opaque outside it.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb';
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EventStoreDbAllSubscription>();
  private readonly deadlineMs: number;
  private readonly reconnect: ReconnectPolicy;

  /** @param connectionString e.g. `esdb://localhost:2113?tls=false` */
  constructor(connectionString: string, options: EventStoreDbOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.deadlineMs = options.deadlineMs ?? deadlineOf(connectionString);
    this.reconnect = options.reconnect ?? DEFAULT_RECONNECT;
  }

  async appendToStream(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`appendToStream(${streamId}) needs at least one event`);
    try {
      const append = this.client.appendToStream(
        streamId,
        events.map((event) =>
          jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata }),
        ),
        { expectedRevision: toClientExpected(expected), deadline: this.deadlineMs },
      );
      const result = await withDeadline(append, this.deadlineMs, `appendToStream(${streamId})`);
      const position = result.position ?? (await this.positionOf(streamId, result.nextExpectedRevision));
      return { nextRevision: result.nextExpectedRevision, position: encodePosition(position) };
    } catch (error) {
      throw toStoreError(error, streamId, describe(expected));
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    let events: RecordedEvent[];
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      events = await withDeadline(collectEvents(read), this.deadlineMs, `readStream(${streamId})`, () => {
        void read.cancel();
      });
    } catch (error) {
      throw toStoreError(error, streamId);
    }
    // A stream with no events (e.g. only metadata) reads as empty: the port calls that not found.
    if (events.length === 0 && options.fromRevision === undefined) throw new StreamNotFoundError(streamId);
    return events;
  }

  lastRevisions(streamIds: readonly string[]): Promise<(bigint | null)[]> {
    return Promise.all(streamIds.map(async (streamId) => (await this.lastEvent(streamId))?.revision ?? null));
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return readAllEvents(this.client, options, this.deadlineMs);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const after = options.after === undefined ? undefined : decodePosition(options.after);
    const source: SubscriptionSource = {
      open: (from, onCheckpoint) => {
        const filter = serverFilterFor(options.filter);
        filter.checkpointReached = (_subscription, position) => onCheckpoint(position);
        return this.client.subscribeToAll({ fromPosition: from ?? START, filter });
      },
      head: () => headOfAll(this.client, this.deadlineMs),
    };
    const subscription: EventStoreDbAllSubscription = new EventStoreDbAllSubscription(
      source,
      options.filter,
      after,
      this.reconnect,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * A tombstone (hard delete): reads and appends then fail with StreamDeletedError for good. The
   * client has no "stream exists" expectation for deletes, so that one checks first, then
   * tombstones whatever the revision (the stream cannot stop existing in between, short of a delete).
   */
  async deleteStream(streamId: string, expected: ExpectedRevision): Promise<void> {
    try {
      if (expected === 'stream_exists') {
        const last = await this.lastEvent(streamId);
        if (!last) throw new WrongExpectedRevisionError(streamId, 'stream_exists', null);
      }
      const expectedRevision =
        expected === 'no_stream' ? NO_STREAM : typeof expected === 'bigint' ? expected : ANY;
      await withDeadline(
        this.client.tombstoneStream(streamId, { expectedRevision, deadline: this.deadlineMs }),
        this.deadlineMs,
        `deleteStream(${streamId})`,
      );
    } catch (error) {
      throw toStoreError(error, streamId, describe(expected));
    }
  }

  comparePositions(a: Position, b: Position): number {
    return compareClientPositions(decodePosition(a), decodePosition(b));
  }

  async headPosition(): Promise<Position | null> {
    try {
      const head = await headOfAll(this.client, this.deadlineMs);
      return head === null ? null : encodePosition(head);
    } catch (error) {
      throw toStoreError(error, '$all');
    }
  }

  async ping(): Promise<void> {
    await headOfAll(this.client, this.deadlineMs);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async lastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    try {
      const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      return last;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  /** For servers whose append response carries no position: the position of the stored event. */
  private async positionOf(streamId: string, revision: bigint): Promise<ClientPosition> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`EventStoreDB did not return event ${revision} of ${streamId} just appended`);
    return decodePosition(event.position);
  }
}

function toClientExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

function describe(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? expected.toString() : expected;
}
