import { StreamDeletedError, WrongExpectedRevisionError } from '../errors';
import type { EventStore } from '../event-store.port';
import { anEvent, ids, someEvents, uniqueCategory } from './contract-fixtures';

/** Appends: every expected-revision kind, results, idempotency. */
export function describeAppends(store: () => EventStore): void {
  const newStream = () => `${uniqueCategory()}-1`;

  describe('when appending with expected revision "no_stream"', () => {
    it('creates the stream at revision 0 onwards and reports the last revision', async () => {
      const stream = newStream();
      const result = await store().appendToStream(stream, someEvents(3), 'no_stream');
      expect(result.nextRevision).toBe(2n);
      const read = await store().readStream(stream);
      expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      expect(read[2]?.position).toBe(result.position);
    });

    it('refuses an existing stream, reporting its current revision', async () => {
      const stream = newStream();
      await store().appendToStream(stream, someEvents(2), 'no_stream');
      const attempt = store().appendToStream(stream, someEvents(1), 'no_stream');
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(attempt).rejects.toMatchObject({ streamId: stream, expected: 'no_stream', actual: 1n });
      expect(await store().readStream(stream)).toHaveLength(2);
    });
  });

  describe('when appending with expected revision "stream_exists"', () => {
    it('refuses a missing stream with actual revision null', async () => {
      const stream = newStream();
      const attempt = store().appendToStream(stream, someEvents(1), 'stream_exists');
      await expect(attempt).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        expected: 'stream_exists',
        actual: null,
      });
    });

    it('appends to an existing stream', async () => {
      const stream = newStream();
      await store().appendToStream(stream, someEvents(1), 'no_stream');
      expect((await store().appendToStream(stream, someEvents(2), 'stream_exists')).nextRevision).toBe(2n);
    });
  });

  describe('when appending with expected revision "any"', () => {
    it('creates a missing stream and appends to an existing one', async () => {
      const stream = newStream();
      expect((await store().appendToStream(stream, someEvents(1), 'any')).nextRevision).toBe(0n);
      expect((await store().appendToStream(stream, someEvents(2), 'any')).nextRevision).toBe(2n);
    });
  });

  describe('when appending with an exact expected revision', () => {
    it('appends when the stream is at that revision', async () => {
      const stream = newStream();
      await store().appendToStream(stream, someEvents(2), 'no_stream');
      expect((await store().appendToStream(stream, someEvents(1), 1n)).nextRevision).toBe(2n);
    });

    it('refuses a stale revision, reporting the actual one', async () => {
      const stream = newStream();
      await store().appendToStream(stream, someEvents(3), 'no_stream');
      const attempt = store().appendToStream(stream, someEvents(1), 0n);
      await expect(attempt).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        streamId: stream,
        expected: '0',
        actual: 2n,
      });
      expect(await store().readStream(stream)).toHaveLength(3);
    });

    it('refuses a missing stream with actual revision null', async () => {
      const attempt = store().appendToStream(newStream(), someEvents(1), 0n);
      await expect(attempt).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        expected: '0',
        actual: null,
      });
    });
  });

  describe('when appending several times', () => {
    it('returns increasing revisions and global positions across streams', async () => {
      const [a, b] = [newStream(), newStream()];
      const first = await store().appendToStream(a, someEvents(1), 'no_stream');
      const second = await store().appendToStream(b, someEvents(2), 'no_stream');
      const third = await store().appendToStream(a, someEvents(1), 0n);
      expect([first.nextRevision, second.nextRevision, third.nextRevision]).toEqual([0n, 1n, 1n]);
      expect(store().comparePositions(first.position, second.position)).toBeLessThan(0);
      expect(store().comparePositions(second.position, third.position)).toBeLessThan(0);
    });

    it('keeps type, data, metadata and a recording instant', async () => {
      const stream = newStream();
      const event = {
        ...anEvent('CaseOpened.v1'),
        data: { nested: { list: [1, 'two', null] }, flag: true },
        metadata: { actorId: 'u-1' },
      };
      await store().appendToStream(stream, [event], 'no_stream');
      const [read] = await store().readStream(stream);
      expect(read).toMatchObject({
        id: event.id,
        streamId: stream,
        revision: 0n,
        type: 'CaseOpened.v1',
        data: event.data,
      });
      expect(read?.metadata).toMatchObject({ actorId: 'u-1' });
      expect(Number.isNaN(Date.parse(read?.recordedAt ?? ''))).toBe(false);
    });
  });

  describe('when the same event ids are appended again', () => {
    it('writes nothing and answers with the original result', async () => {
      const stream = newStream();
      const events = someEvents(3);
      const original = await store().appendToStream(stream, events, 'no_stream');
      const again = await store().appendToStream(stream, events, 'no_stream');
      expect(again).toEqual(original);
      expect(ids(await store().readStream(stream))).toEqual(ids(events));
    });

    it('refuses a batch that only partly overlaps stored events, writing none of it', async () => {
      const stream = newStream();
      const events = someEvents(2);
      await store().appendToStream(stream, events, 'no_stream');
      const attempt = store().appendToStream(stream, [...events, anEvent()], 'no_stream');
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(ids(await store().readStream(stream))).toEqual(ids(events));
    });
  });

  describe('when a stream is deleted', () => {
    it('refuses reads and appends with StreamDeletedError', async () => {
      const stream = newStream();
      await store().appendToStream(stream, someEvents(2), 'no_stream');
      await store().deleteStream(stream, 1n);
      await expect(store().readStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store().appendToStream(stream, someEvents(1), 'any')).rejects.toBeInstanceOf(
        StreamDeletedError,
      );
      await expect(store().appendToStream(stream, someEvents(1), 'no_stream')).rejects.toMatchObject({
        name: 'StreamDeletedError',
        streamId: stream,
      });
    });

    it('refuses a delete at a stale revision and keeps the stream', async () => {
      const stream = newStream();
      await store().appendToStream(stream, someEvents(2), 'no_stream');
      await expect(store().deleteStream(stream, 0n)).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        actual: 1n,
      });
      await expect(store().deleteStream(newStream(), 'stream_exists')).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        actual: null,
      });
      expect(await store().readStream(stream)).toHaveLength(2);
    });
  });
}
