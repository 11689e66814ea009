import { WrongExpectedRevisionError } from '../errors';
import type { EventStore } from '../event-store.port';
import { ids, someEvents, uniqueCategory } from './contract-fixtures';

/**
 * Concurrent appends from concurrent requests. This catches stores that answer every caller
 * "success" while writing fewer rows (or none).
 */
export function describeConcurrency(store: () => EventStore): void {
  describe('when 100 appends race for the same stream', () => {
    it('lets exactly one win at an exact expected revision; the 99 others get WrongExpectedRevisionError', async () => {
      const stream = `${uniqueCategory()}-race`;
      await store().appendToStream(stream, someEvents(1), 'no_stream');
      const batches = Array.from({ length: 100 }, () => someEvents(1));
      const outcomes = await Promise.allSettled(
        batches.map((events) => store().appendToStream(stream, events, 0n)),
      );

      const won = outcomes.flatMap((outcome, index) =>
        outcome.status === 'fulfilled' ? [{ index, result: outcome.value }] : [],
      );
      const lost = outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
      );
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(99);
      for (const reason of lost) {
        expect(reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect((reason as WrongExpectedRevisionError).actual).toBe(1n);
      }
      const stored = await store().readStream(stream);
      expect(stored).toHaveLength(2);
      const winner = won[0];
      expect(winner?.result.nextRevision).toBe(1n);
      expect(stored[1]?.id).toBe(batches[winner?.index ?? -1]?.[0]?.id);
    }, 30_000);

    it('stores all 100 "any" appends at distinct consecutive revisions', async () => {
      const stream = `${uniqueCategory()}-race`;
      const batches = Array.from({ length: 100 }, () => someEvents(1));
      const results = await Promise.all(
        batches.map((events) => store().appendToStream(stream, events, 'any')),
      );

      const stored = await store().readStream(stream);
      expect(stored.map((event) => event.revision)).toEqual(
        Array.from({ length: 100 }, (_, index) => BigInt(index)),
      );
      expect(new Set(ids(stored))).toEqual(new Set(batches.map((events) => events[0]?.id)));
      const revisions = results.map((result) => result.nextRevision).sort((a, b) => (a < b ? -1 : 1));
      expect(revisions).toEqual(stored.map((event) => event.revision));
      for (const [index, result] of results.entries()) {
        expect(stored.find((event) => event.revision === result.nextRevision)?.id).toBe(
          batches[index]?.[0]?.id,
        );
      }
    }, 30_000);
  });
}
