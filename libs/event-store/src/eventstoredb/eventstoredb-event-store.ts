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
import { EventStoreDbAllSubscription } from './eventstoredb-subscription';
import { compareClientPositions, decodePosition, encodePosition } from './positions';
import { headOfAll, readAllEvents } from './read-all';
import { toRecordedEvent } from './recorded-events';
import { serverFilterFor } from './server-filter';

/**
 * The port over EventStoreDB (gRPC client 6.x). The server does the hard parts: atomic appends with
 * optimistic concurrency, idempotent re-appends of the same event ids at the same expected
 * revision (with `any` only best-effort), tombstones, and catch-up subscriptions.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb';
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EventStoreDbAllSubscription>();

  /** @param connectionString e.g. `esdb://localhost:2113?tls=false` */
  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async appendToStream(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`appendToStream(${streamId}) needs at least one event`);
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event) =>
          jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata }),
        ),
        { expectedRevision: toClientExpected(expected) },
      );
      const position = result.position ?? (await this.positionOf(streamId, result.nextExpectedRevision));
      return { nextRevision: result.nextExpectedRevision, position: encodePosition(position) };
    } catch (error) {
      throw toStoreError(error, streamId, describe(expected));
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      throw toStoreError(error, streamId);
    }
    // A stream with no events (e.g. only metadata) reads as empty: the port calls that not found.
    if (events.length === 0 && options.fromRevision === undefined) throw new StreamNotFoundError(streamId);
    return events;
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return readAllEvents(this.client, options);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const after = options.after === undefined ? undefined : decodePosition(options.after);
    // The client takes the checkpoint callback when the subscription is created, before the wrapper exists.
    let wrapper: EventStoreDbAllSubscription | undefined = undefined;
    const filter = serverFilterFor(options.filter);
    filter.checkpointReached = (_subscription, position) => wrapper?.onCheckpoint(position);
    const subscription = this.client.subscribeToAll({ fromPosition: after ?? START, filter });
    wrapper = new EventStoreDbAllSubscription(subscription, options.filter, after, headOfAll(this.client));
    const created = wrapper;
    this.subscriptions.add(created);
    subscription.once('close', () => this.subscriptions.delete(created));
    return created;
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
      await this.client.tombstoneStream(streamId, { expectedRevision });
    } catch (error) {
      throw toStoreError(error, streamId, describe(expected));
    }
  }

  comparePositions(a: Position, b: Position): number {
    return compareClientPositions(decodePosition(a), decodePosition(b));
  }

  async ping(): Promise<void> {
    await headOfAll(this.client);
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
