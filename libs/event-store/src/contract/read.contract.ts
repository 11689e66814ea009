import { StreamDeletedError, StreamNotFoundError } from '../errors';
import type { EventStore } from '../event-store.port';
import { expectIncreasingPositions, ids, someEvents, uniqueCategory } from './contract-fixtures';

/** Reading one stream and `$all`. */
export function describeReads(store: () => EventStore): void {
  describe('when reading a stream', () => {
    const stream = () => `${uniqueCategory()}-reads`;
    const fill = async () => {
      const name = stream();
      const events = someEvents(5);
      await store().appendToStream(name, events, 'no_stream');
      return { name, eventIds: ids(events) };
    };

    it('reads forwards from the start by default', async () => {
      const { name, eventIds } = await fill();
      const read = await store().readStream(name);
      expect(ids(read)).toEqual(eventIds);
      expect(read.map((event) => event.streamId)).toEqual(Array(5).fill(name));
      expectIncreasingPositions(store(), read);
    });

    it('reads backwards from the end', async () => {
      const { name, eventIds } = await fill();
      expect(ids(await store().readStream(name, { direction: 'backwards' }))).toEqual(
        [...eventIds].reverse(),
      );
    });

    it('starts at an inclusive revision and stops after maxCount, in both directions', async () => {
      const { name, eventIds } = await fill();
      expect(ids(await store().readStream(name, { fromRevision: 2n }))).toEqual(eventIds.slice(2));
      expect(ids(await store().readStream(name, { fromRevision: 1n, maxCount: 2 }))).toEqual(
        eventIds.slice(1, 3),
      );
      expect(
        ids(await store().readStream(name, { direction: 'backwards', fromRevision: 3n, maxCount: 2 })),
      ).toEqual([eventIds[3], eventIds[2]]);
      expect(ids(await store().readStream(name, { direction: 'backwards', maxCount: 1 }))).toEqual([
        eventIds[4],
      ]);
    });

    it('returns nothing past the end of an existing stream', async () => {
      const { name } = await fill();
      expect(await store().readStream(name, { fromRevision: 10n })).toEqual([]);
    });

    it('reads the events appended after a revision, for a reader that holds the ones before', async () => {
      const { name } = await fill();
      const more = someEvents(2);
      await store().appendToStream(name, more, 4n);
      const tail = await store().readStream(name, { fromRevision: 5n });
      expect([ids(tail), tail.map((event) => event.revision)]).toEqual([ids(more), [5n, 6n]]);
    });

    it('throws StreamNotFoundError from a revision of a stream without events', async () => {
      await expect(store().readStream(stream(), { fromRevision: 3n })).rejects.toBeInstanceOf(
        StreamNotFoundError,
      );
    });

    it('throws StreamDeletedError from a revision of a tombstoned stream', async () => {
      const { name } = await fill();
      await store().deleteStream(name, 'any');
      await expect(store().readStream(name, { fromRevision: 5n })).rejects.toBeInstanceOf(StreamDeletedError);
    });

    it('throws StreamNotFoundError for a stream without events', async () => {
      const missing = stream();
      await expect(store().readStream(missing)).rejects.toBeInstanceOf(StreamNotFoundError);
      await expect(store().readStream(missing, { direction: 'backwards' })).rejects.toMatchObject({
        streamId: missing,
      });
    });
  });

  describe('when asking for the last revisions of streams', () => {
    it("answers each stream's last revision in the order asked, null for a stream without events", async () => {
      const category = uniqueCategory();
      await store().appendToStream(`${category}-five`, someEvents(5), 'no_stream');
      await store().appendToStream(`${category}-one`, someEvents(1), 'no_stream');
      expect(
        await store().lastRevisions([`${category}-one`, `${category}-missing`, `${category}-five`]),
      ).toEqual([0n, null, 4n]);
      expect(await store().lastRevisions([])).toEqual([]);
    });

    it('throws StreamDeletedError when one of them is tombstoned', async () => {
      const category = uniqueCategory();
      await store().appendToStream(`${category}-gone`, someEvents(2), 'no_stream');
      await store().deleteStream(`${category}-gone`, 'any');
      await expect(store().lastRevisions([`${category}-missing`, `${category}-gone`])).rejects.toBeInstanceOf(
        StreamDeletedError,
      );
    });
  });

  describe('when reading $all', () => {
    /** Two categories, interleaved, with two event types. */
    const fill = async () => {
      const [cases, visitors] = [uniqueCategory(), uniqueCategory()];
      await store().appendToStream(`${cases}-1`, someEvents(2, 'CaseOpened.v1'), 'no_stream');
      await store().appendToStream(`${visitors}-1`, someEvents(1, 'VisitorAdded.v1'), 'no_stream');
      await store().appendToStream(`${cases}-2`, someEvents(1, 'CaseOpened.v1'), 'no_stream');
      await store().appendToStream(`${cases}-1`, someEvents(1, 'VisitHeld.v1'), 1n);
      return { cases, visitors };
    };

    it('keeps global order and keeps only the streams of the given prefixes', async () => {
      const { cases, visitors } = await fill();
      const read = await store().readAll({ filter: { streamPrefixes: [`${cases}-`] } });
      expect(read.map((event) => event.streamId)).toEqual([
        `${cases}-1`,
        `${cases}-1`,
        `${cases}-2`,
        `${cases}-1`,
      ]);
      expectIncreasingPositions(store(), read);
      const both = await store().readAll({ filter: { streamPrefixes: [`${cases}-2`, `${visitors}-`] } });
      expect(both.map((event) => event.streamId)).toEqual([`${visitors}-1`, `${cases}-2`]);
    });

    it('keeps only the given event types', async () => {
      const { cases, visitors } = await fill();
      const read = await store().readAll({
        filter: {
          streamPrefixes: [`${cases}-`, `${visitors}-`],
          eventTypes: ['VisitHeld.v1', 'VisitorAdded.v1'],
        },
      });
      expect(read.map((event) => event.type)).toEqual(['VisitorAdded.v1', 'VisitHeld.v1']);
    });

    it('starts strictly after a position and stops after maxCount', async () => {
      const { cases } = await fill();
      const filter = { streamPrefixes: [`${cases}-`] };
      const all = await store().readAll({ filter });
      const first = all[0];
      if (!first) throw new Error('no events read');
      expect(ids(await store().readAll({ filter, after: first.position }))).toEqual(ids(all.slice(1)));
      expect(ids(await store().readAll({ filter, after: first.position, maxCount: 2 }))).toEqual(
        ids(all.slice(1, 3)),
      );
      expect(await store().readAll({ filter, after: all[all.length - 1]?.position })).toEqual([]);
    });

    it('pages through everything without a filter, in order', async () => {
      const { cases, visitors } = await fill();
      const mine = (streamId: string) =>
        streamId.startsWith(`${cases}-`) || streamId.startsWith(`${visitors}-`);
      const everything = (await store().readAll()).filter((event) => mine(event.streamId));
      expect(everything).toHaveLength(5);
      expect(
        everything.every((event) => !event.streamId.startsWith('$') && !event.type.startsWith('$')),
      ).toBe(true);
      const first = everything[0];
      if (!first) throw new Error('no events read');
      const page = await store().readAll({ after: first.position, maxCount: 1 });
      expect(page).toHaveLength(1);
      expect(store().comparePositions(first.position, page[0]?.position ?? '')).toBeLessThan(0);
    });
  });

  describe('when asking for the head of the store', () => {
    it('answers a position at or after every event appended before', async () => {
      const stream = `${uniqueCategory()}-1`;
      const first = await store().appendToStream(stream, someEvents(2), 'no_stream');
      const afterFirst = await store().headPosition();
      if (afterFirst === null) throw new Error('no head after an append');
      expect(store().comparePositions(afterFirst, first.position)).toBeGreaterThanOrEqual(0);
      const second = await store().appendToStream(stream, someEvents(1), 1n);
      const afterSecond = await store().headPosition();
      expect(store().comparePositions(afterSecond ?? '', second.position)).toBeGreaterThanOrEqual(0);
      expect(store().comparePositions(afterSecond ?? '', afterFirst)).toBeGreaterThan(0);
    });
  });

  describe('when comparing positions', () => {
    it('orders them as the store recorded the events', async () => {
      const stream = `${uniqueCategory()}-1`;
      await store().appendToStream(stream, someEvents(2), 'no_stream');
      const [a, b] = await store().readStream(stream);
      if (!a || !b) throw new Error('no events read');
      expect(store().comparePositions(a.position, b.position)).toBeLessThan(0);
      expect(store().comparePositions(b.position, a.position)).toBeGreaterThan(0);
      expect(store().comparePositions(a.position, a.position)).toBe(0);
    });
  });
}
