import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fold, type Decider } from '@leap/domain';
import { SqliteEventStore, type EventStore, type ReadStreamOptions } from '@leap/event-store';
import type { CommandContext } from './command-context';
import { IdempotencyKeyReusedError } from './errors';
import { handleCommand } from './handle-command';
import { IDEMPOTENCY_INDEX_SIZE, loadStreamState } from './load-stream-state';
import { forgetStreamStates, streamStateCacheOf, useStreamStateCache } from './stream-state-cache';

type Noted = { type: 'Noted.v1'; data: { amount: number; pii?: { note: string } } };
type Note = { type: 'Note'; amount: number; note?: string };
type Totals = { total: number; notes: string[] };
const ledger: Decider<Note, Noted, Totals> = {
  initialState: () => ({ total: 0, notes: [] }),
  evolve: (state, event) => ({
    total: state.total + event.data.amount,
    notes: event.data.pii ? [...state.notes, event.data.pii.note] : state.notes,
  }),
  decide: (command) => [
    {
      type: 'Noted.v1',
      data: { amount: command.amount, ...(command.note ? { pii: { note: command.note } } : {}) },
    },
  ],
};

let dir: string;
let file: string;
let store: EventStore;
let n = 0;
/** Every `readStream` of the store under test: where it started and how many events it answered. */
let reads: { fromRevision: bigint | undefined; events: number }[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leap-stream-cache-'));
  file = join(dir, 'events.sqlite');
  const raw = new SqliteEventStore(file);
  reads = [];
  store = Object.create(raw, {
    readStream: {
      value: async (streamId: string, options?: ReadStreamOptions) => {
        const events = await raw.readStream(streamId, options);
        reads.push({ fromRevision: options?.fromRevision, events: events.length });
        return events;
      },
    },
  }) as EventStore;
  useStreamStateCache(store, { maxStreams: 100, maxBytes: 10_000_000 });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
  actor: { id: 'u1', role: 'coordinator' },
  commandId: `cmd-${++n}`,
  correlationId: 'corr',
  causationId: 'cause',
  receivedAt: new Date('2026-11-01T10:00:00Z'),
  ...extra,
});

const note = (amount: number, ctx = context(), streamId = 'ledger-1', on: EventStore = store) =>
  handleCommand({
    store: on,
    streamId,
    decider: ledger,
    context: ctx,
    command: { type: 'Note', amount },
    scopeOf: () => ({ districtId: 'd1', schoolId: null }),
  });

const fullFold = async (streamId = 'ledger-1') =>
  fold(
    ledger,
    (await store.readStream(streamId)).map((e) => ({ type: e.type, data: e.data }) as Noted),
  );

describe('when a stream is already cached', () => {
  it('reads only the events after the cached revision and folds to the same state as a full fold', async () => {
    for (let amount = 1; amount <= 20; amount++) await note(amount);
    reads = [];
    const loaded = await loadStreamState(store, 'ledger-1', ledger);
    expect(reads).toEqual([{ fromRevision: 19n, events: 1 }]);
    expect(loaded.state).toEqual(await fullFold());
    expect([loaded.state.total, loaded.revision]).toEqual([210, 19n]);
  });

  it('keeps what the store holds, not what the command carried (personal data sealed on its way in)', async () => {
    const raw = Object.getPrototypeOf(store) as EventStore;
    const sealing: EventStore = Object.create(store, {
      appendToStream: {
        value: (...[streamId, events, expected]: Parameters<EventStore['appendToStream']>) =>
          raw.appendToStream(
            streamId,
            events.map((e) => ({ ...e, data: { ...e.data, pii: { note: 'sealed' } } })),
            expected,
          ),
      },
    });
    useStreamStateCache(sealing, { maxStreams: 10, maxBytes: 1_000_000 });
    const outcome = await handleCommand({
      store: sealing,
      streamId: 'ledger-1',
      decider: ledger,
      context: context(),
      command: { type: 'Note', amount: 1, note: 'Maya missed the bus' },
      scopeOf: () => ({ districtId: 'd1', schoolId: null }),
    });
    expect(outcome.state.notes).toEqual(['Maya missed the bus']);
    expect((await loadStreamState(sealing, 'ledger-1', ledger)).state.notes).toEqual(['sealed']);
  });
});

describe('when another process appends behind the cache’s back', () => {
  it('sees the other writer’s events on the next command', async () => {
    await note(1);
    await note(2);
    const other = new SqliteEventStore(file);
    await note(100, context(), 'ledger-1', other);
    await other.close();
    const outcome = await note(3);
    expect([outcome.state.total, outcome.revision]).toEqual([106, 3n]);
    expect((await loadStreamState(store, 'ledger-1', ledger)).state).toEqual(await fullFold());
  });
});

describe('when an append meets another writer’s events (conflict)', () => {
  it('forgets the cached state, reads the stream afresh and decides on it', async () => {
    await note(1);
    const raw = Object.getPrototypeOf(store) as EventStore;
    let interfered = false;
    const racing: EventStore = Object.create(store, {
      appendToStream: {
        value: async (...args: Parameters<EventStore['appendToStream']>) => {
          if (!interfered) {
            interfered = true;
            const id = '00000000-0000-4000-8000-000000000001';
            await raw.appendToStream(
              'ledger-1',
              [{ id, type: 'Noted.v1', data: { amount: 10 }, metadata: {} }],
              'any',
            );
          }
          return raw.appendToStream(...args);
        },
      },
    });
    useStreamStateCache(racing, { maxStreams: 10, maxBytes: 1_000_000 });
    reads = [];
    await note(0, context(), 'ledger-1', racing);
    // A full read, the conflict, then a full read again (not a tail read from the stale entry).
    expect(reads).toEqual([
      { fromRevision: undefined, events: 1 },
      { fromRevision: undefined, events: 2 },
    ]);
    const outcome = await note(2, context(), 'ledger-1', racing);
    expect([outcome.state.total, outcome.revision]).toEqual([13, 3n]);
    expect((await loadStreamState(racing, 'ledger-1', ledger)).state).toEqual(await fullFold());
  });
});

describe('when the cache is full', () => {
  it('evicts the least recently used stream first, by count', async () => {
    const cache = useStreamStateCache(store, { maxStreams: 2, maxBytes: 1_000_000 });
    for (const id of ['a', 'b', 'c']) await note(1, context(), `ledger-${id}`);
    for (const id of ['a', 'b', 'a', 'c']) await loadStreamState(store, `ledger-${id}`, ledger);
    expect(cache.size).toBe(2);
    reads = [];
    await loadStreamState(store, 'ledger-a', ledger);
    await loadStreamState(store, 'ledger-b', ledger);
    expect(reads.map((r) => r.fromRevision)).toEqual([1n, undefined]);
  });

  it('stays under its approximate size, and still answers with the full fold', async () => {
    const cache = useStreamStateCache(store, { maxStreams: 100, maxBytes: 3_000 });
    for (let i = 0; i < 10; i++) await note(i, context(), `ledger-${i}`);
    for (let i = 0; i < 10; i++) await loadStreamState(store, `ledger-${i}`, ledger);
    expect(cache.bytes).toBeLessThanOrEqual(3_000);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(10);
    expect((await loadStreamState(store, 'ledger-0', ledger)).state).toEqual(await fullFold('ledger-0'));
  });

  it('keeps nothing with a bound of 0 streams', async () => {
    const cache = useStreamStateCache(store, { maxStreams: 0, maxBytes: 1_000_000 });
    await note(1);
    await note(2);
    expect([cache.size, (await note(3)).state.total]).toEqual([0, 6]);
  });
});

describe('when a retried idempotency key comes back', () => {
  const keyed = (requestHash: string, key = 'k1') =>
    context({ commandId: `cmd-${key}`, idempotency: { key, requestHash } });

  it('answers the first result after the stream was evicted, and appends nothing', async () => {
    const first = await note(5, keyed('h1'));
    await note(1);
    forgetStreamStates(store, ['ledger-1']);
    const retry = await note(5, keyed('h1'));
    expect([retry.replayed, retry.revision, retry.position]).toEqual([true, first.revision, first.position]);
    await expect(note(6, keyed('h2'))).rejects.toEqual(expect.any(IdempotencyKeyReusedError));
    expect(await store.readStream('ledger-1')).toHaveLength(2);
  });

  it('answers a key older than the index holds from the history', async () => {
    const first = await note(5, keyed('h1', 'old'));
    for (let i = 0; i < IDEMPOTENCY_INDEX_SIZE + 1; i++) await note(1, keyed('h', `k-${i}`));
    reads = [];
    const retry = await note(5, keyed('h1', 'old'));
    expect([retry.replayed, retry.revision]).toEqual([true, first.revision]);
    expect(reads.map((r) => r.fromRevision)).toEqual([BigInt(IDEMPOTENCY_INDEX_SIZE + 1), undefined]);
    const recent = await note(1, keyed('h', `k-${IDEMPOTENCY_INDEX_SIZE}`));
    expect(recent.replayed).toBe(true);
  });
});

describe('when a stream is tombstoned behind the cache', () => {
  it('throws StreamDeletedError and forgets it', async () => {
    await note(1);
    await store.deleteStream('ledger-1', 'any');
    await expect(loadStreamState(store, 'ledger-1', ledger)).rejects.toMatchObject({
      name: 'StreamDeletedError',
    });
    expect(streamStateCacheOf(store).size).toBe(0);
  });
});
