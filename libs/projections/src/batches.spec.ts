import type { AllSubscription, RecordedEvent } from '@leap/event-store';
import { inBatches } from './batches';

/** A subscription the spec feeds by hand. */
class FakeSubscription implements AllSubscription {
  readonly caughtUp: Promise<void>;
  markCaughtUp!: () => void;
  private readonly events: RecordedEvent[] = [];
  private waiting: (() => void) | null = null;
  private closed = false;
  private next = 1;

  constructor() {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  push(count: number): void {
    for (let i = 0; i < count; i++) {
      const position = String(this.next++);
      this.events.push({
        id: position,
        streamId: 's-1',
        revision: 0n,
        position,
        type: 'T',
        data: {},
        metadata: {},
        recordedAt: '',
      });
    }
    this.waiting?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting?.();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: async () => {
        for (;;) {
          const event = this.events.shift();
          if (event) return { done: false, value: event };
          if (this.closed) return { done: true, value: undefined };
          await new Promise<void>((resolve) => (this.waiting = resolve));
        }
      },
    };
  }
}

const sizes = (batches: RecordedEvent[][]) => batches.map((batch) => batch.length);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function collect(subscription: FakeSubscription, limits: { maxEvents: number; maxWaitMs: number }) {
  const batches: Array<{ events: RecordedEvent[]; at: number }> = [];
  const done = (async () => {
    for await (const batch of inBatches(subscription, limits))
      batches.push({ events: batch, at: Date.now() });
  })();
  return { batches, done };
}

describe('when events are grouped into batches', () => {
  it('fills batches up to maxEvents while catching up with history', async () => {
    const subscription = new FakeSubscription();
    subscription.push(25);
    const { batches, done } = await collect(subscription, { maxEvents: 10, maxWaitMs: 30 });
    await sleep(60);
    await subscription.close();
    await done;
    expect(sizes(batches.map((b) => b.events))).toEqual([10, 10, 5]);
    expect(batches.flatMap((b) => b.events).map((e) => e.position)).toEqual(
      Array.from({ length: 25 }, (_, i) => String(i + 1)),
    );
  });

  it('closes a batch maxWaitMs after its first event while events trickle in', async () => {
    const subscription = new FakeSubscription();
    const { batches, done } = await collect(subscription, { maxEvents: 100, maxWaitMs: 40 });
    subscription.push(1);
    await sleep(10);
    subscription.push(1);
    await sleep(60);
    subscription.push(1);
    await sleep(60);
    await subscription.close();
    await done;
    expect(sizes(batches.map((b) => b.events))).toEqual([2, 1]);
  });

  it('hands each live event over at once after catching up', async () => {
    const subscription = new FakeSubscription();
    subscription.markCaughtUp();
    const { batches, done } = await collect(subscription, { maxEvents: 100, maxWaitMs: 1000 });
    await sleep(5);
    const pushedAt = Date.now();
    subscription.push(1);
    await sleep(30);
    await subscription.close();
    await done;
    expect(sizes(batches.map((b) => b.events))).toEqual([1]);
    expect(batches[0]!.at - pushedAt).toBeLessThan(100); // far below maxWaitMs
  });

  it('goes live mid-batch when history runs out, instead of waiting for maxWaitMs', async () => {
    const subscription = new FakeSubscription();
    subscription.push(3);
    const { batches, done } = await collect(subscription, { maxEvents: 100, maxWaitMs: 5000 });
    await sleep(5);
    subscription.markCaughtUp();
    await sleep(20);
    expect(sizes(batches.map((b) => b.events))).toEqual([3]);
    await subscription.close();
    await done;
  });
});
