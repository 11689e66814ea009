import type { EventStore } from '../event-store.port';
import {
  consume,
  expectIncreasingPositions,
  ids,
  sleep,
  someEvents,
  uniqueCategory,
  within,
} from './contract-fixtures';

/** Catch-up subscriptions to `$all`: history, then live events, no gap, no duplicate. */
export function describeSubscriptions(store: () => EventStore): void {
  describe('when subscribing to $all', () => {
    it('delivers history, resolves caughtUp, then delivers live events', async () => {
      const category = uniqueCategory();
      const history = someEvents(3);
      await store().appendToStream(`${category}-1`, history, 'no_stream');
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } });
      const consumer = consume(subscription);
      await within(subscription.caughtUp, 5_000, 'caughtUp');
      expect(ids(consumer.received)).toEqual(ids(history));

      const live = someEvents(2);
      await store().appendToStream(`${category}-2`, live.slice(0, 1), 'no_stream');
      await store().appendToStream(`${category}-1`, live.slice(1), 2n);
      const received = await consumer.waitFor(5);
      expect(ids(received)).toEqual(ids([...history, ...live]));
      expectIncreasingPositions(store(), received);
      await subscription.close();
      await within(consumer.ended, 2_000, 'the end of iteration');
    });

    it('misses and repeats nothing when appends race with the catch-up', async () => {
      const category = uniqueCategory();
      const streams = Array.from({ length: 10 }, (_, index) => `${category}-${index}`);
      // More history than one page of the SQLite adapter (256), so catch-up takes several reads.
      await Promise.all(streams.map((stream) => store().appendToStream(stream, someEvents(30), 'no_stream')));
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } });
      const consumer = consume(subscription);
      // Appends land one by one while the consumer works through history, then all at once.
      for (let index = 0; index < 40; index++) {
        await store().appendToStream(streams[index % 10] ?? '', someEvents(1), 'any');
        await new Promise((resolve) => setImmediate(resolve));
      }
      await within(subscription.caughtUp, 5_000, 'caughtUp');
      expect(consumer.received.length).toBeGreaterThanOrEqual(300);
      await Promise.all(streams.map((stream) => store().appendToStream(stream, someEvents(1), 'any')));
      const received = await consumer.waitFor(350, 10_000);
      await sleep(50);
      expect(received).toHaveLength(350);
      expect(new Set(ids(received)).size).toBe(350);
      expectIncreasingPositions(store(), received);
      for (const stream of streams) {
        expect(ids(received.filter((event) => event.streamId === stream))).toEqual(
          ids(await store().readStream(stream)),
        );
      }
      await subscription.close();
    }, 20_000);

    it('starts strictly after the given position', async () => {
      const category = uniqueCategory();
      const events = someEvents(4);
      await store().appendToStream(`${category}-1`, events, 'no_stream');
      const [, second] = await store().readStream(`${category}-1`);
      const subscription = store().subscribeToAll({
        after: second?.position,
        filter: { streamPrefixes: [`${category}-`] },
      });
      const consumer = consume(subscription);
      expect(ids(await consumer.waitFor(2))).toEqual(ids(events.slice(2)));
      await within(subscription.caughtUp, 5_000, 'caughtUp');
      await subscription.close();
    });

    it('delivers only the events its filter keeps', async () => {
      const [mine, other] = [uniqueCategory(), uniqueCategory()];
      const subscription = store().subscribeToAll({
        filter: { streamPrefixes: [`${mine}-`], eventTypes: ['VisitHeld.v1'] },
      });
      const consumer = consume(subscription);
      await store().appendToStream(`${other}-1`, someEvents(2, 'VisitHeld.v1'), 'no_stream');
      await store().appendToStream(`${mine}-1`, someEvents(2, 'CaseOpened.v1'), 'no_stream');
      const wanted = someEvents(1, 'VisitHeld.v1');
      await store().appendToStream(`${mine}-1`, wanted, 1n);
      expect(ids(await consumer.waitFor(1))).toEqual(ids(wanted));
      await sleep(100);
      expect(consumer.received).toHaveLength(1);
      await subscription.close();
    });

    it('ends the iteration promptly on close while waiting for live events', async () => {
      const category = uniqueCategory();
      await store().appendToStream(`${category}-1`, someEvents(1), 'no_stream');
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } });
      const consumer = consume(subscription);
      await consumer.waitFor(1);
      await subscription.close();
      await within(consumer.ended, 1_000, 'the end of iteration');
      await store().appendToStream(`${category}-1`, someEvents(1), 0n);
      await sleep(50);
      expect(consumer.received).toHaveLength(1);
    });

    it('ends the iteration when the consumer breaks out of the loop', async () => {
      const category = uniqueCategory();
      await store().appendToStream(`${category}-1`, someEvents(3), 'no_stream');
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } });
      const seen: string[] = [];
      for await (const event of subscription) {
        seen.push(event.id);
        if (seen.length === 2) break;
      }
      expect(seen).toHaveLength(2);
      const next = await within(subscription[Symbol.asyncIterator]().next(), 1_000, 'next() after break');
      expect(next.done).toBe(true);
    });
  });
}
