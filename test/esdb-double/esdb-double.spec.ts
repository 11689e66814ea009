import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { collect, events, newStream, useDouble } from './spec-fixtures';

// The double checked with the real client, once per append path the client can take.
describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('EventStoreDB double (%s)', (_path, batchAppend) => {
  const { double, client } = useDouble({ batchAppend });
  const revisions = async (stream: string) =>
    (await collect(client().readStream(stream))).map((resolved) => resolved.event?.revision);

  describe('when appending with each expected revision', () => {
    it('creates, extends and checks streams, reporting revision and position', async () => {
      const stream = newStream();
      const first = await client().appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
      expect(first).toMatchObject({ success: true, nextExpectedRevision: 1n });
      const second = await client().appendToStream(stream, events(1), { expectedRevision: 1n });
      const third = await client().appendToStream(stream, events(1), { expectedRevision: 'stream_exists' });
      const fourth = await client().appendToStream(stream, events(1), { expectedRevision: 'any' });
      expect([second, third, fourth].map((result) => result.nextExpectedRevision)).toEqual([2n, 3n, 4n]);
      expect(first.position?.commit).toBeLessThan(second.position?.commit ?? 0n);
      expect(await revisions(stream)).toEqual([0n, 1n, 2n, 3n, 4n]);
    });

    it('raises WrongExpectedVersionError with the stream, expected and actual versions', async () => {
      const stream = newStream();
      await client().appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
      const cases = [
        [stream, 'no_stream', 1n],
        [stream, 0n, 1n],
        [newStream(), 'stream_exists', 'no_stream'],
        [newStream(), 3n, 'no_stream'],
      ] as const;
      for (const [name, expectedRevision, actualVersion] of cases) {
        const attempt = client().appendToStream(name, events(1), { expectedRevision });
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(attempt).rejects.toMatchObject({
          streamName: name,
          expectedVersion: expectedRevision,
          actualVersion,
        });
      }
      expect(await revisions(stream)).toEqual([0n, 1n]);
    });

    it('answers a conflict as a result, not a failed call, when the client does not throw on it', async () => {
      const relaxed = EventStoreDBClient.connectionString(
        `${double().connectionString}&throwOnAppendFailure=false`,
      );
      const stream = newStream();
      await relaxed.appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
      const result = await relaxed.appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
      expect(result.success).toBe(false);
      await relaxed.dispose();
    });
  });

  describe('when the same event ids are appended again', () => {
    it('writes nothing at the same expected revision and returns the original result', async () => {
      const stream = newStream();
      const batch = events(3);
      const original = await client().appendToStream(stream, batch, { expectedRevision: 'no_stream' });
      expect(await client().appendToStream(stream, batch, { expectedRevision: 'no_stream' })).toEqual(
        original,
      );
      expect(await client().appendToStream(stream, batch, { expectedRevision: 'any' })).toEqual(original);
      expect(await revisions(stream)).toEqual([0n, 1n, 2n]);
    });

    it('refuses a batch that only partly matches what is stored', async () => {
      const stream = newStream();
      const batch = events(2);
      await client().appendToStream(stream, batch, { expectedRevision: 'no_stream' });
      const longer = client().appendToStream(stream, [...batch, ...events(1)], {
        expectedRevision: 'no_stream',
      });
      await expect(longer).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await revisions(stream)).toEqual([0n, 1n]);
    });
  });

  describe('when reading a stream', () => {
    it('reads forwards, backwards, from an inclusive revision and up to a count', async () => {
      const stream = newStream();
      await client().appendToStream(stream, events(5), { expectedRevision: 'no_stream' });
      const read = async (options: Parameters<EventStoreDBClient['readStream']>[1]) =>
        (await collect(client().readStream(stream, options))).map((resolved) => resolved.event?.revision);
      expect(await read({ direction: BACKWARDS, fromRevision: END })).toEqual([4n, 3n, 2n, 1n, 0n]);
      expect(await read({ fromRevision: 2n, maxCount: 2 })).toEqual([2n, 3n]);
      expect(await read({ direction: BACKWARDS, fromRevision: 3n, maxCount: 2 })).toEqual([3n, 2n]);
      expect(await read({ fromRevision: 9n })).toEqual([]);
      const [first] = await collect(client().readStream(stream, { maxCount: 1 }));
      expect(first?.event).toMatchObject({
        streamId: stream,
        type: 'ThingHappened.v1',
        data: { index: 0 },
        isJson: true,
      });
      expect(Math.abs((first?.event?.created.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    });

    it('raises StreamNotFoundError for a stream without events', async () => {
      const stream = newStream();
      await expect(collect(client().readStream(stream))).rejects.toBeInstanceOf(StreamNotFoundError);
      await expect(collect(client().readStream(stream))).rejects.toMatchObject({
        type: ErrorType.STREAM_NOT_FOUND,
      });
    });
  });

  describe('when reading $all', () => {
    it('starts with the server’s own system events and keeps global order both ways', async () => {
      const stream = newStream();
      await client().appendToStream(stream, events(3), { expectedRevision: 'no_stream' });
      const forwards = await collect(client().readAll({ fromPosition: START }));
      expect(forwards.slice(0, 3).map((resolved) => resolved.event?.streamId)).toEqual([
        '$epoch-information',
        `$$$stats-127.0.0.1:${double().port}`,
        '$user-admin',
      ]);
      const commits = forwards.map((resolved) => resolved.event?.position.commit ?? 0n);
      expect(commits).toEqual([...commits].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const backwards = await collect(
        client().readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 3 }),
      );
      expect(backwards.map((resolved) => resolved.event?.revision)).toEqual([2n, 1n, 0n]);
      const middle = backwards[1]?.event?.position ?? START;
      const fromMiddle = await collect(client().readAll({ fromPosition: middle, direction: FORWARDS }));
      expect(fromMiddle.map((resolved) => resolved.event?.revision)).toEqual([1n, 2n]);
    });
  });

  describe('when a stream is deleted', () => {
    it('soft: reads as not found, then continues its revisions when written again', async () => {
      const stream = newStream();
      await client().appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
      await client().deleteStream(stream, { expectedRevision: 1n });
      await expect(collect(client().readStream(stream))).rejects.toBeInstanceOf(StreamNotFoundError);
      await client().appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
      expect(await revisions(stream)).toEqual([2n]);
      expect((await client().getStreamMetadata(stream)).metadata).toEqual({ truncateBefore: 2 });
    });

    it('tombstone: reads, appends and deletes raise StreamDeletedError; $all shows $streamDeleted', async () => {
      const stream = newStream();
      await client().appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
      await client().tombstoneStream(stream, { expectedRevision: 0n });
      await expect(collect(client().readStream(stream))).rejects.toBeInstanceOf(StreamDeletedError);
      const append = client().appendToStream(stream, events(1));
      await expect(append).rejects.toMatchObject({ type: ErrorType.STREAM_DELETED, streamName: stream });
      await expect(client().deleteStream(stream)).rejects.toMatchObject({ streamName: stream });
      const [last] = await collect(
        client().readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }),
      );
      expect(last?.event).toMatchObject({
        streamId: stream,
        type: '$streamDeleted',
        revision: 2n ** 63n - 1n,
      });
    });

    it('refuses a delete at a stale revision with the versions in its trailers', async () => {
      const stream = newStream();
      await client().appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
      const attempt = client().tombstoneStream(stream, { expectedRevision: 0n });
      await expect(attempt).rejects.toMatchObject({
        streamName: stream,
        expectedVersion: 0n,
        actualVersion: 1n,
      });
      expect(await revisions(stream)).toEqual([0n, 1n]);
    });
  });

  describe('when setting stream metadata', () => {
    it('round-trips it through the $$ stream, which $all shows as a $metadata event', async () => {
      const stream = newStream();
      await client().setStreamMetadata(stream, { maxCount: 10, custom: { owner: 'leap' } });
      expect((await client().getStreamMetadata(stream)).metadata).toEqual({
        maxCount: 10,
        custom: { owner: 'leap' },
      });
      const [last] = await collect(
        client().readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }),
      );
      expect(last?.event).toMatchObject({
        streamId: `$$${stream}`,
        type: '$metadata',
        data: { $maxCount: 10 },
      });
    });
  });
});
