import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  Position as ClientPosition,
} from '@eventstore/db-client';
import { Logger } from '@nestjs/common';
import { matchesAllEventsFilter } from '../all-events-filter';
import type { AllEventsFilter, AllSubscription, RecordedEvent } from '../event-store.port';
import { compareClientPositions, encodePosition } from './positions';
import { isTransient, type ReconnectPolicy, type SubscriptionSource } from './reconnect';
import { isSystemEvent, toRecordedEvent } from './recorded-events';

/** One call to the server; a transient failure replaces it with a new one. */
interface Call {
  subscription: AllStreamSubscription;
  iterator: AsyncIterator<AllStreamResolvedEvent>;
  /** The server said it caught up (a `caughtUp` message, or a filter checkpoint past the head). */
  serverCaughtUp: boolean;
  /** The latest filter checkpoint: the server has scanned `$all` up to here. */
  checkpoint?: ClientPosition;
}

const logger = new Logger('EventStoreDB');

/**
 * Wraps the client's catch-up subscription (which starts strictly after `fromPosition`, like our
 * `after`). Backpressure is the client stream's own: we pull one event at a time through its async
 * iterator, and the gRPC stream pauses while its small buffer is full.
 *
 * **Reconnection.** When the call fails in a way that says the connection, not the request, broke
 * (UNAVAILABLE, CANCELLED, not leader), or the server ends it, the subscription subscribes again
 * strictly after the last record the consumer took, with backoff, until the server answers or
 * `maxOutageMs` pass (then the error reaches the consumer). Records still buffered in the dead call
 * were never delivered and come again in the new one, so nothing is skipped or delivered twice.
 *
 * `caughtUp` resolves when the consumer asks for the next event after taking all history:
 * - it has taken an event at or past the head of `$all` read when the subscription started, or
 * - the current call's server said it caught up and that call holds no event received before — the
 *   events before the server's marker are then all with the consumer.
 */
export class EventStoreDbAllSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  readonly caughtUp: Promise<void>;
  private settleCaughtUp!: (error?: Error) => void;
  private isCaughtUp = false;
  private head: ClientPosition | null | undefined;
  private headRequested = false;
  /** The last record taken from the server (delivered or filtered out); a new call starts after it. */
  private lastSeen: ClientPosition | undefined;
  private call: Call;
  private pulling = false;
  private closed = false;
  private failures = 0;
  private outageSince: number | undefined;
  private wake: (() => void) | undefined;
  private readonly closing: Promise<IteratorResult<AllStreamResolvedEvent>>;
  private endIteration!: () => void;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly filter: AllEventsFilter | undefined,
    after: ClientPosition | undefined,
    private readonly policy: ReconnectPolicy,
    private readonly onFinished: () => void,
  ) {
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.settleCaughtUp = (error) => (error ? reject(error) : resolve());
    });
    this.caughtUp.catch(() => undefined);
    this.closing = new Promise((resolve) => {
      this.endIteration = () => resolve({ done: true, value: undefined });
    });
    this.lastSeen = after;
    this.call = this.open();
    this.learnHead();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this;
  }

  async next(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.closed) {
      this.checkCaughtUp();
      let result: IteratorResult<AllStreamResolvedEvent>;
      this.pulling = true;
      try {
        const pending = this.call.iterator.next();
        pending.catch(() => undefined); // if close() wins the race, the stream's end is no error
        result = await Promise.race([pending, this.closing]);
      } catch (error) {
        if (this.closed) break;
        if (await this.resubscribeAfter(error, isTransient(error))) continue;
        throw this.fail(error);
      } finally {
        this.pulling = false;
      }
      if (this.closed) break;
      if (result.done) {
        // A subscription has no end: the server ending it is a dropped connection.
        const ended = new Error('EventStoreDB ended the subscription');
        if (await this.resubscribeAfter(ended, true)) continue;
        throw this.fail(ended);
      }
      this.heard();
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
    this.wake?.();
    if (!this.isCaughtUp) this.settleCaughtUp(new Error('Subscription closed before it caught up'));
    this.onFinished();
    await this.discard(this.call);
  }

  private open(): Call {
    const call = { serverCaughtUp: false } as Call;
    call.subscription = this.source.open(this.lastSeen, (position) => this.onCheckpoint(call, position));
    call.iterator = call.subscription[Symbol.asyncIterator]();
    call.subscription.on('confirmation', () => this.heard());
    call.subscription.on('caughtUp', () => this.onServerCaughtUp(call));
    call.subscription.on('error', () => undefined); // surfaced by the iterator; avoid an unhandled 'error'
    return call;
  }

  /** Resolves false when the subscription should give up (not transient, or down for too long). */
  private async resubscribeAfter(error: unknown, transient: boolean): Promise<boolean> {
    if (!transient) return false;
    this.outageSince ??= Date.now();
    if (Date.now() - this.outageSince > this.policy.maxOutageMs) return false;
    this.failures += 1;
    if (this.failures === 1) {
      const from = this.lastSeen ? `after ${encodePosition(this.lastSeen)}` : 'from the start';
      logger.warn(`Subscription to $all lost (${messageOf(error)}); resubscribing ${from}`);
    }
    void this.discard(this.call);
    await this.sleep(this.policy.delayMs(this.failures));
    if (this.closed) return true;
    this.call = this.open();
    if (this.head === undefined && !this.headRequested) this.learnHead();
    return true;
  }

  /** The server answered: the outage, if any, is over. */
  private heard(): void {
    this.failures = 0;
    if (this.outageSince === undefined) return;
    this.outageSince = undefined;
    logger.log('Subscription to $all resumed');
  }

  private fail(error: unknown): Error {
    const failure = error instanceof Error ? error : new Error(String(error));
    if (!this.isCaughtUp) this.settleCaughtUp(failure);
    void this.close();
    return failure;
  }

  private async discard(call: Call): Promise<void> {
    await call.subscription.unsubscribe().catch(() => undefined);
    call.subscription.destroy();
  }

  private learnHead(): void {
    this.headRequested = true;
    this.source.head().then(
      (head) => {
        this.head = head;
        if (head === null || this.pastHead()) return this.markCaughtUp();
        // History and checkpoints may have arrived before the head was known: check them now, or
        // a consumer already waiting past the head would wait for ever on a quiet store.
        const { checkpoint } = this.call;
        if (checkpoint && compareClientPositions(checkpoint, head) >= 0) this.onServerCaughtUp(this.call);
        if (this.pulling) this.checkCaughtUp();
      },
      // Without the head we rely on the server's caughtUp message (or ask again after a reconnect).
      () => (this.headRequested = false),
    );
  }

  /** Called by the filter's checkpoint callback: the server has scanned `$all` up to `position`. */
  private onCheckpoint(call: Call, position: ClientPosition): void {
    if (call !== this.call) return;
    call.checkpoint = position;
    this.heard();
    if (this.head && compareClientPositions(position, this.head) >= 0) this.onServerCaughtUp(call);
  }

  private onServerCaughtUp(call: Call): void {
    if (call !== this.call) return;
    call.serverCaughtUp = true;
    // The consumer is idle, waiting on an empty stream: everything before the marker is with it.
    if (this.pulling && call.subscription.readableLength === 0) this.markCaughtUp();
  }

  private pastHead(): boolean {
    return !!this.head && !!this.lastSeen && compareClientPositions(this.lastSeen, this.head) >= 0;
  }

  private checkCaughtUp(): void {
    if (this.isCaughtUp) return;
    const { serverCaughtUp, subscription } = this.call;
    if (this.pastHead() || (serverCaughtUp && subscription.readableLength === 0)) this.markCaughtUp();
  }

  private markCaughtUp(): void {
    if (this.isCaughtUp || this.closed) return;
    this.isCaughtUp = true;
    this.settleCaughtUp();
  }

  /** A backoff pause that `close()` cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
