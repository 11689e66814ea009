import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type JsonObject, type RecordedEvent } from '@leap/event-store';
import { event, legacyEvent } from '../../../domain/src/case/case.fixtures';
import { createPseudonymizer } from '../pseudonyms';
import { openTestCipher } from '../testing/test-cipher';
import { protectEventStore } from './protect-event-store';

/** Everything a reader may rely on besides type and data: kept as stored. */
const place = ({ id, streamId, revision, position, metadata, recordedAt }: RecordedEvent) => ({
  id,
  streamId,
  revision,
  position,
  metadata,
  recordedAt,
});

describe('when the application reads a store holding identifications written by an earlier version', () => {
  const pseudonymize = createPseudonymizer(randomBytes(32));
  let dir: string;
  let raw: SqliteEventStore;
  let store: EventStore;
  let stored: RecordedEvent[];
  let keys: ReturnType<typeof openTestCipher>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leap-upcasting-'));
    raw = new SqliteEventStore(join(dir, 'events.sqlite'));
    keys = openTestCipher(dir);
    store = protectEventStore(raw, { pseudonymize, cipher: keys.cipher });
    const v1 = legacyEvent.studentIdentifiedV1({ studentId: 'ST-1001', householdId: 'HH-7' });
    const offered = event.consentOffered();
    await raw.appendToStream(
      'case-case-1',
      [v1, offered].map(({ type, data }) => ({
        id: randomUUID(),
        type,
        data: data as unknown as JsonObject,
        metadata: { actorId: 'coord', districtId: 'district-1' },
      })),
      'no_stream',
    );
    await raw.appendToStream(
      'visitor-v1',
      [{ id: randomUUID(), type: 'VisitorRegistered.v1', data: { visitorId: 'v1' }, metadata: {} }],
      'no_stream',
    );
    stored = await raw.readAll();
  });
  afterAll(async () => {
    await store.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectRead = (read: RecordedEvent[]) => {
    expect(read.map((e) => e.type)).toEqual([
      'StudentIdentified.v2',
      'ConsentOffered.v1',
      'VisitorRegistered.v1',
    ]);
    expect(read.map(place)).toEqual(stored.map(place));
    expect(read[0]!.data).toMatchObject({
      student: pseudonymize('student', 'ST-1001'),
      household: pseudonymize('household', 'HH-7'),
      pii: { studentId: 'ST-1001', householdId: 'HH-7', studentName: 'Ana' },
    });
    expect(read.slice(1).map((e) => e.data)).toEqual(stored.slice(1).map((e) => e.data));
  };

  it('reads v1 as v2 on readStream, keeping id, revision, position and metadata', async () => {
    const read = await store.readStream('case-case-1');
    expect(read.map((e) => e.type)).toEqual(['StudentIdentified.v2', 'ConsentOffered.v1']);
    expect(read.map(place)).toEqual(stored.slice(0, 2).map(place));
    expect(read[0]!.data.pii).toMatchObject({ studentId: 'ST-1001' });
  });

  it('reads v1 as v2 on readAll', async () => {
    expectRead(await store.readAll());
  });

  it('reads v1 as v2 on subscribeToAll', async () => {
    const subscription = store.subscribeToAll();
    const read: RecordedEvent[] = [];
    for await (const e of subscription) {
      read.push(e);
      if (read.length === stored.length) break;
    }
    await subscription.close();
    expectRead(read);
  });

  it('lets a filter on the current type match the stored versions read as it', async () => {
    const filter = { eventTypes: ['StudentIdentified.v2'] };
    const read = await store.readAll({ filter });
    expect(read.map((e) => [e.type, e.id])).toEqual([['StudentIdentified.v2', stored[0]!.id]]);
    const subscription = store.subscribeToAll({ filter });
    const [first] = await (async () => {
      for await (const e of subscription) return [e];
      return [];
    })();
    await subscription.close();
    expect(first).toMatchObject({ type: 'StudentIdentified.v2', id: stored[0]!.id });
  });

  it('leaves the stored event as it was written: nothing is rewritten', async () => {
    expect((await raw.readStream('case-case-1'))[0]).toEqual(stored[0]);
  });

  it('appends through to the store as given', async () => {
    const current = event.caseClosed();
    const { nextRevision } = await store.appendToStream(
      'case-case-1',
      [{ id: randomUUID(), type: current.type, data: current.data as unknown as JsonObject, metadata: {} }],
      1n,
    );
    expect(nextRevision).toBe(2n);
    const [last] = await raw.readStream('case-case-1', { direction: 'backwards', maxCount: 1 });
    expect([last!.type, last!.data]).toEqual([current.type, current.data]);
  });
});
