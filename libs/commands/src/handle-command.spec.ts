import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decider } from '@leap/domain';
import { SqliteEventStore, type EventStore } from '@leap/event-store';
import type { CommandContext } from './command-context';
import { IdempotencyKeyReusedError, RevisionConflictError } from './errors';
import { handleCommand } from './handle-command';

type Added = { type: 'Added.v1'; data: { amount: number } };
type Add = { type: 'Add'; amount: number };
const counter: Decider<Add, Added, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.amount,
  decide: (command) => (command.amount === 0 ? [] : [{ type: 'Added.v1', data: { amount: command.amount } }]),
};

let dir: string;
let store: EventStore;
let n = 0;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leap-commands-'));
  store = new SqliteEventStore(join(dir, 'events.sqlite'));
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
const add = (amount: number, ctx = context(), s: EventStore = store) =>
  handleCommand({
    store: s,
    streamId: 'counter-1',
    decider: counter,
    context: ctx,
    command: { type: 'Add', amount },
    scopeOf: () => ({ districtId: 'd1', schoolId: null }),
  });

describe('when another writer appends between the read and the append', () => {
  it('reads again and decides on the new state', async () => {
    let interfered = false;
    const racing: EventStore = Object.create(store, {
      appendToStream: {
        value: async (...args: Parameters<EventStore['appendToStream']>) => {
          if (!interfered) {
            interfered = true;
            await store.appendToStream(
              'counter-1',
              [
                {
                  id: '00000000-0000-4000-8000-000000000001',
                  type: 'Added.v1',
                  data: { amount: 10 },
                  metadata: {},
                },
              ],
              'any',
            );
          }
          return store.appendToStream(...args);
        },
      },
    });
    const outcome = await add(1, context(), racing);
    expect([outcome.revision, outcome.state]).toEqual([1n, 11]);
  });
});

describe('when the client pinned a revision with If-Match', () => {
  it('refuses a stale revision without retrying and appends nothing', async () => {
    await add(1);
    await add(2);
    await expect(add(3, context({ expectedRevision: 0n }))).rejects.toEqual(
      expect.any(RevisionConflictError),
    );
    expect((await store.readStream('counter-1')).map((e) => e.data.amount)).toEqual([1, 2]);
  });
});

describe('when a command carries an idempotency key', () => {
  const keyed = (requestHash: string) =>
    context({ commandId: 'cmd-keyed', idempotency: { key: 'k1', requestHash } });

  it('answers a retry with the first result even after other commands, and appends nothing', async () => {
    const first = await add(5, keyed('h1'));
    await add(1);
    const retry = await add(5, keyed('h1'));
    expect([retry.replayed, retry.revision, retry.position]).toEqual([true, first.revision, first.position]);
    expect(await store.readStream('counter-1')).toHaveLength(2);
  });

  it('refuses the same key for a different request, and appends nothing', async () => {
    await add(5, keyed('h1'));
    await expect(add(6, keyed('h2'))).rejects.toEqual(expect.any(IdempotencyKeyReusedError));
    expect((await store.readStream('counter-1')).map((e) => e.data.amount)).toEqual([5]);
  });

  it('does not answer another login’s command with the same key (another command id)', async () => {
    await add(5, keyed('h1'));
    const other = await add(
      6,
      context({ commandId: 'cmd-other', idempotency: { key: 'k1', requestHash: 'h2' } }),
    );
    expect(other.replayed).toBe(false);
    expect((await store.readStream('counter-1')).map((e) => e.data.amount)).toEqual([5, 6]);
  });

  it('records the key, the request hash and who acted in every event’s metadata', async () => {
    await add(5, keyed('h1'));
    const [event] = await store.readStream('counter-1');
    expect(event?.metadata).toMatchObject({
      actorId: 'u1',
      actorRole: 'coordinator',
      districtId: 'd1',
      schoolId: null,
      commandId: 'cmd-keyed',
      commandType: 'Add',
      correlationId: 'corr',
      causationId: 'cause',
      recordedAt: '2026-11-01T10:00:00.000Z',
      idempotencyKey: 'k1',
      requestHash: 'h1',
    });
  });
});

describe('when a command decides nothing', () => {
  it('appends nothing and answers the current revision', async () => {
    await add(1);
    const outcome = await add(0);
    expect([outcome.revision, outcome.appended]).toEqual([0n, []]);
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });
});
