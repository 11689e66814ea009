import {
  END,
  ErrorType,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamSubscription,
  type Position,
  type StreamSubscription,
} from '@eventstore/db-client';
import { events, eventually, newStream, useDouble } from './spec-fixtures';

/** Records what a subscription emits, in order, as the client surfaces it. */
function watch(subscription: AllStreamSubscription | StreamSubscription) {
  const seen = { events: [] as string[], log: [] as string[], error: undefined as unknown };
  subscription.on('confirmation', () => seen.log.push('confirmation'));
  subscription.on('caughtUp', () => seen.log.push('caughtUp'));
  subscription.on('fellBehind', () => seen.log.push('fellBehind'));
  subscription.on('error', (error) => (seen.error = error));
  subscription.on('data', (resolved) => {
    const event = resolved.event;
    seen.events.push(`${event?.streamId}@${event?.revision}:${event?.type}`);
    seen.log.push('event');
  });
  return seen;
}

describe('EventStoreDB double subscriptions', () => {
  const { double, client } = useDouble({ liveBuffer: 8 });
  const subscriptions: Array<AllStreamSubscription | StreamSubscription> = [];
  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.unsubscribe()));
  });
  const track = <T extends AllStreamSubscription | StreamSubscription>(subscription: T) => {
    subscriptions.push(subscription);
    return watch(subscription);
  };

  describe('when subscribing to a stream', () => {
    it('confirms, replays history, says caughtUp, then delivers live events', async () => {
      const stream = newStream();
      await client().appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
      const seen = track(client().subscribeToStream(stream));
      await eventually(() => seen.log.includes('caughtUp'), 3_000, 'caughtUp');
      await client().appendToStream(stream, events(1), { expectedRevision: 1n });
      await eventually(() => seen.events.length === 3, 3_000, 'the live event');
      expect(seen.log).toEqual(['confirmation', 'event', 'event', 'caughtUp', 'event']);
    });

    it('starts after the given revision, or at the end', async () => {
      const stream = newStream();
      await client().appendToStream(stream, events(3), { expectedRevision: 'no_stream' });
      const afterFirst = track(client().subscribeToStream(stream, { fromRevision: 0n }));
      const fromEnd = track(client().subscribeToStream(stream, { fromRevision: END }));
      await eventually(() => afterFirst.log.includes('caughtUp') && fromEnd.log.includes('caughtUp'));
      await client().appendToStream(stream, events(1), { expectedRevision: 2n });
      await eventually(() => afterFirst.events.length === 3 && fromEnd.events.length === 1);
      expect(afterFirst.events.map((event) => event.split(':')[0])).toEqual(
        [1, 2, 3].map((n) => `${stream}@${n}`),
      );
      expect(fromEnd.events).toEqual([`${stream}@3:ThingHappened.v1`]);
    });

    it('fails with StreamDeletedError when the stream is tombstoned', async () => {
      const stream = newStream();
      await client().appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
      const seen = track(client().subscribeToStream(stream));
      await eventually(() => seen.log.includes('caughtUp'));
      await client().tombstoneStream(stream);
      await eventually(() => seen.error !== undefined, 3_000, 'the error');
      expect(seen.error).toMatchObject({ type: ErrorType.STREAM_DELETED, streamName: stream });
    });
  });

  describe('when subscribing to $all with a filter', () => {
    it('keeps stream-name prefixes and regexes, event-type prefixes and regexes', async () => {
      const [cases, visits] = [newStream('case'), newStream('visit')];
      const byPrefix = track(client().subscribeToAll({ filter: streamNameFilter({ prefixes: [cases] }) }));
      const byRegex = track(client().subscribeToAll({ filter: streamNameFilter({ regex: `^${visits}$` }) }));
      const byType = track(
        client().subscribeToAll({ filter: eventTypeFilter({ prefixes: ['VisitHeld.'] }) }),
      );
      const byTypeRegex = track(
        client().subscribeToAll({ filter: eventTypeFilter({ regex: '^Case[A-Z]' }) }),
      );
      await client().appendToStream(cases, events(2, 'CaseOpened.v1'), { expectedRevision: 'no_stream' });
      await client().appendToStream(visits, events(1, 'VisitHeld.v1'), { expectedRevision: 'no_stream' });
      await eventually(
        () => byTypeRegex.events.length >= 2 && byType.events.length >= 1 && byRegex.events.length >= 1,
      );
      expect(byPrefix.events).toEqual([`${cases}@0:CaseOpened.v1`, `${cases}@1:CaseOpened.v1`]);
      expect(byRegex.events).toEqual([`${visits}@0:VisitHeld.v1`]);
      expect(byType.events.filter((event) => event.startsWith(visits))).toEqual(byRegex.events);
      expect(byTypeRegex.events.filter((event) => event.startsWith(cases))).toEqual(byPrefix.events);
    });

    it('excludes system events, including metadata written while live', async () => {
      const stream = newStream();
      const all = track(client().subscribeToAll({ fromPosition: START }));
      const user = track(client().subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() }));
      await client().setStreamMetadata(stream, { maxCount: 3 });
      await client().appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
      await eventually(() => user.events.some((event) => event.startsWith(stream)));
      await eventually(() => all.events.some((event) => event.startsWith(stream)));
      expect(all.events.some((event) => event.startsWith('$epoch-information'))).toBe(true);
      expect(all.events).toContain(`$$${stream}@0:$metadata`);
      expect(user.events.every((event) => !event.includes(':$'))).toBe(true);
    });

    it('sends a checkpoint every 32 considered records, matching or not', async () => {
      const checkpoints: Position[] = [];
      const filter = streamNameFilter({
        prefixes: [newStream('nothing')],
        checkpointInterval: 1,
        checkpointReached: (_subscription, position) => void checkpoints.push(position),
      });
      const seen = track(client().subscribeToAll({ filter }));
      const before = double().log.all.length;
      await client().appendToStream(newStream(), events(70), { expectedRevision: 'no_stream' });
      const considered = before + 70;
      await eventually(() => checkpoints.length === Math.floor(considered / 32), 3_000, 'the checkpoints');
      expect(seen.events).toEqual([]);
      const expected = checkpoints.map((_, index) => double().log.all[(index + 1) * 32 - 1]?.position);
      expect(checkpoints.map((position) => position.commit)).toEqual(expected);
    });

    it('starts strictly after the given position', async () => {
      const stream = newStream();
      const appended = await client().appendToStream(stream, events(3), { expectedRevision: 'no_stream' });
      const [second] = double().log.stream(stream).visible.slice(1, 2);
      const position = { commit: second?.position ?? 0n, prepare: second?.position ?? 0n };
      const seen = track(client().subscribeToAll({ fromPosition: position }));
      await eventually(() => seen.log.includes('caughtUp'));
      expect(seen.events).toEqual([`${stream}@2:ThingHappened.v1`]);
      expect(appended.position?.commit).toBe(double().log.stream(stream).eventAt(2n)?.position);
    });
  });

  describe('when a live consumer stops reading', () => {
    it('falls behind, catches up again, and still misses nothing', async () => {
      const stream = newStream();
      const subscription = client().subscribeToAll({
        fromPosition: END,
        filter: streamNameFilter({ prefixes: [stream] }),
      });
      const seen = track(subscription);
      await eventually(() => seen.log.includes('caughtUp'));
      subscription.pause();
      const payload = 'x'.repeat(2_000);
      for (let batch = 0; batch < 20; batch++) {
        const slice = events(50, 'ThingHappened.v1', { payload });
        await client().appendToStream(stream, slice, {
          expectedRevision: batch === 0 ? 'no_stream' : BigInt(batch * 50 - 1),
        });
      }
      subscription.resume();
      const done = () => seen.events.length === 1_000 && seen.log.at(-1) === 'caughtUp';
      await eventually(done, 5_000, 'all 1,000 events, then caughtUp again');
      expect(seen.events.map((event) => event.split('@')[1]?.split(':')[0])).toEqual(
        Array.from({ length: 1_000 }, (_, index) => String(index)),
      );
      expect(seen.log.filter((entry) => entry !== 'event')).toEqual([
        'confirmation',
        'caughtUp',
        'fellBehind',
        'caughtUp',
      ]);
    });
  });
});

describe('EventStoreDB double subscriptions, like a server before 23.10', () => {
  const { client } = useDouble({ caughtUpMessages: false });

  it('delivers history then live events without ever saying caughtUp', async () => {
    const stream = newStream();
    await client().appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
    const subscription = client().subscribeToStream(stream);
    const seen = watch(subscription);
    await eventually(() => seen.events.length === 2, 3_000, 'the history');
    await client().appendToStream(stream, events(1), { expectedRevision: 1n });
    await eventually(() => seen.events.length === 3, 3_000, 'the live event');
    expect(seen.log).toEqual(['confirmation', 'event', 'event', 'event']);
    await subscription.unsubscribe();
  });
});
