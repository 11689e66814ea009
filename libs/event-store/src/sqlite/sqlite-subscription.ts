import type { AllSubscription, RecordedEvent } from '../event-store.port';
import type { ChangeVersion, ChangeWait } from './change-signal';
import type { AllPage } from './sqlite-reader';
import { toRecordedEvent } from './rows';

export interface SubscriptionSource {
  readPage(after: number, maxCount: number): AllPage;
  version(): ChangeVersion;
  waitForChange(since: number): ChangeWait;
}

const PAGE_SIZE = 256;
/**
 * After a wake-up, live reads wait this long so that a burst of appends is delivered as one page
 * (one read, one projection batch) rather than one read per append.
 */
const LIVE_COALESCE_MS = 3;

/**
 * Catch-up subscription to `$all`, pull-based: a page is read only when the consumer has taken
 * every event of the previous one, so a slow consumer holds at most one page in memory.
 *
 * No gap, no duplicate: `cursor` is the position up to which `$all` has been scanned (from the
 * same snapshot as the page), and each page starts strictly after it. Live events are the same
 * reads, woken by the store's ChangeSignal instead of a separate push channel.
 *
 * `caughtUp` resolves when the consumer asks for the next event after taking every event stored
 * when the subscription started, i.e. once `for await` has processed all of history.
 */
export class SqliteAllSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  readonly caughtUp: Promise<void>;
  private settleCaughtUp!: (error?: Error) => void;
  private isCaughtUp = false;
  private buffer: RecordedEvent[] = [];
  private next_ = 0;
  private closed = false;
  private waiting: ChangeWait | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Version seen before the last read when that read reached the head; null otherwise. */
  private quietSince: ChangeVersion | null = null;

  constructor(
    private readonly source: SubscriptionSource,
    private cursor: number,
    /** Head of `$all` when the subscription started. */
    private readonly historyEnd: number,
    private readonly onClose: (subscription: SqliteAllSubscription) => void,
  ) {
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.settleCaughtUp = (error) => (error ? reject(error) : resolve());
    });
    this.caughtUp.catch(() => undefined); // a rejection nobody awaits is not an unhandled one
    if (historyEnd <= cursor) this.markCaughtUp();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this;
  }

  /** Calls are served one at a time, in order, even if a caller does not await the previous one. */
  next(): Promise<IteratorResult<RecordedEvent>> {
    const result = this.queue.then(() => this.pull());
    this.queue = result.catch(() => undefined);
    return result;
  }

  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return { done: true, value: undefined };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.buffer = [];
    this.waiting?.cancel();
    if (!this.isCaughtUp) this.settleCaughtUp(new Error('Subscription closed before it caught up'));
    this.onClose(this);
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    try {
      while (!this.closed) {
        this.checkCaughtUp();
        const event = this.buffer[this.next_];
        if (event) {
          this.next_ += 1;
          return { done: false, value: event };
        }
        const since = this.source.version();
        // The last read reached the head and nothing was committed since: no need to read again.
        if (!this.quietSince || !sameVersion(this.quietSince, since)) {
          const page = this.source.readPage(this.cursor, PAGE_SIZE);
          this.cursor = page.scannedTo;
          this.buffer = page.rows.map(toRecordedEvent);
          this.next_ = 0;
          this.quietSince = page.rows.length < PAGE_SIZE ? since : null;
          if (this.buffer.length > 0) continue;
        }
        this.checkCaughtUp();
        this.waiting = this.source.waitForChange(since.external);
        await this.waiting.promise;
        this.waiting = undefined;
        if (!this.closed) await delay(LIVE_COALESCE_MS);
      }
    } catch (error) {
      if (this.closed) return { done: true, value: undefined };
      if (!this.isCaughtUp) this.settleCaughtUp(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    return { done: true, value: undefined };
  }

  /** Caught up once history is scanned and no unconsumed buffered event belongs to it. */
  private checkCaughtUp(): void {
    if (this.isCaughtUp || this.cursor < this.historyEnd) return;
    const pending = this.buffer[this.next_];
    if (pending && Number(pending.position) <= this.historyEnd) return;
    this.markCaughtUp();
  }

  private markCaughtUp(): void {
    this.isCaughtUp = true;
    this.settleCaughtUp();
  }
}

const sameVersion = (a: ChangeVersion, b: ChangeVersion) => a.external === b.external && a.local === b.local;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
