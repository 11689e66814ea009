import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  Position as ClientPosition,
} from '@eventstore/db-client';
import { matchesAllEventsFilter } from '../all-events-filter';
import type { AllEventsFilter, AllSubscription, RecordedEvent } from '../event-store.port';
import { compareClientPositions } from './positions';
import { isSystemEvent, toRecordedEvent } from './recorded-events';

/**
 * Wraps the client's catch-up subscription (which starts strictly after `fromPosition`, like our
 * `after`). Backpressure is the client stream's own: we pull one event at a time through its async
 * iterator, and the gRPC stream pauses while its small buffer is full.
 *
 * `caughtUp` resolves when the consumer asks for the next event after taking all history:
 * - it has taken an event at or past the head of `$all` read when the subscription started, or
 * - the server has said it caught up (a `caughtUp` message, or a filter checkpoint at or past that
 *   head) and the client stream holds no event received before that — the events before the
 *   server's marker are then all with the consumer.
 */
export class EventStoreDbAllSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  readonly caughtUp: Promise<void>;
  private settleCaughtUp!: (error?: Error) => void;
  private isCaughtUp = false;
  private serverCaughtUp = false;
  private head: ClientPosition | null | undefined;
  private lastSeen: ClientPosition | undefined;
  /** The latest filter checkpoint: the server has scanned `$all` up to here. */
  private checkpoint: ClientPosition | undefined;
  private pulling = false;
  private closed = false;
  private readonly inner: AsyncIterator<AllStreamResolvedEvent>;
  private readonly closing: Promise<IteratorResult<AllStreamResolvedEvent>>;
  private endIteration!: () => void;

  constructor(
    private readonly subscription: AllStreamSubscription,
    private readonly filter: AllEventsFilter | undefined,
    after: ClientPosition | undefined,
    headAtStart: Promise<ClientPosition | null>,
  ) {
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.settleCaughtUp = (error) => (error ? reject(error) : resolve());
    });
    this.caughtUp.catch(() => undefined);
    this.closing = new Promise((resolve) => {
      this.endIteration = () => resolve({ done: true, value: undefined });
    });
    this.inner = subscription[Symbol.asyncIterator]();
    subscription.on('caughtUp', () => this.onServerCaughtUp());
    subscription.on('error', () => undefined); // surfaced by the iterator; avoid an unhandled 'error'
    headAtStart.then(
      (head) => {
        this.head = head;
        if (head === null || (after && compareClientPositions(head, after) <= 0)) return this.markCaughtUp();
        // History and checkpoints may have arrived before the head was known: check them now, or
        // a consumer already waiting past the head would wait for ever on a quiet store.
        if (this.checkpoint && compareClientPositions(this.checkpoint, head) >= 0) this.onServerCaughtUp();
        if (this.pulling) this.checkCaughtUp();
      },
      () => undefined, // without the head we rely on the server's caughtUp message
    );
  }

  /** Called by the filter's checkpoint callback: the server has scanned `$all` up to `position`. */
  onCheckpoint(position: ClientPosition): void {
    this.checkpoint = position;
    if (this.head && compareClientPositions(position, this.head) >= 0) this.onServerCaughtUp();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this;
  }

  async next(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.closed) {
      this.checkCaughtUp();
      this.pulling = true;
      let result: IteratorResult<AllStreamResolvedEvent>;
      try {
        const pending = this.inner.next();
        pending.catch(() => undefined); // if close() wins the race, the stream's end is no error
        result = await Promise.race([pending, this.closing]);
      } catch (error) {
        if (this.closed) break;
        if (!this.isCaughtUp) this.settleCaughtUp(error instanceof Error ? error : new Error(String(error)));
        throw error;
      } finally {
        this.pulling = false;
      }
      if (result.done || this.closed) break;
      const resolved = result.value;
      if (resolved.event) this.lastSeen = resolved.event.position;
      const event = toRecordedEvent(resolved);
      if (!event || isSystemEvent(event.streamId, event.type)) continue;
      if (!matchesAllEventsFilter(this.filter, event.streamId, event.type)) continue;
      return { done: false, value: event };
    }
    return { done: true, value: undefined };
  }

  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return { done: true, value: undefined };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.endIteration();
    if (!this.isCaughtUp) this.settleCaughtUp(new Error('Subscription closed before it caught up'));
    await this.subscription.unsubscribe();
    this.subscription.destroy();
  }

  private onServerCaughtUp(): void {
    this.serverCaughtUp = true;
    // The consumer is idle, waiting on an empty stream: everything before the marker is with it.
    if (this.pulling && this.subscription.readableLength === 0) this.markCaughtUp();
  }

  private checkCaughtUp(): void {
    if (this.isCaughtUp) return;
    const pastHead = this.head && this.lastSeen && compareClientPositions(this.lastSeen, this.head) >= 0;
    if (pastHead || (this.serverCaughtUp && this.subscription.readableLength === 0)) this.markCaughtUp();
  }

  private markCaughtUp(): void {
    if (this.isCaughtUp || this.closed) return;
    this.isCaughtUp = true;
    this.settleCaughtUp();
  }
}
