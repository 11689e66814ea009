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
} from '@leap/event-store';

/**
 * An event store wrapped around another: every call goes to the inner store as it is. The
 * application's protections (sealing, upcasting) extend it and override only what they change, so
 * each states its own guarantee and nothing else.
 */
export abstract class EventStoreDecorator implements EventStore {
  constructor(protected readonly inner: EventStore) {}

  get kind(): string {
    return this.inner.kind;
  }

  appendToStream(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, expected);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  lastRevisions(streamIds: readonly string[]): Promise<(bigint | null)[]> {
    return this.inner.lastRevisions(streamIds);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
    return this.inner.subscribeToAll(options);
  }

  deleteStream(streamId: string, expected: ExpectedRevision): Promise<void> {
    return this.inner.deleteStream(streamId, expected);
  }

  comparePositions(a: Position, b: Position): number {
    return this.inner.comparePositions(a, b);
  }

  headPosition(): Promise<Position | null> {
    return this.inner.headPosition();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
