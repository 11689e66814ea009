import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintEmbeddedToken } from '@leap/auth';
import { caseSummariesProjection } from '@leap/case-summaries';
import type { CaseEvent } from '@leap/domain';
import type { EventToAppend } from '@leap/event-store';
import { EventStoreDbEventStore } from '@leap/event-store/eventstoredb';
import { AesGcmPiiCipher, createKeyStore } from '@leap/privacy';
import { ProjectionRunner, ReadModels } from '@leap/projections';
import { event } from '../libs/domain/src/case/case.fixtures';
import { eventually } from '../libs/follow-ups/src/testing/follow-up-test-env';
import { EsdbDouble } from './esdb-double/esdb-double';
import { EsdbDoubleProcess } from './support/esdb-double-process';
import { Client, TEST_SECRET, coordinator } from './support/harness';
import { sharedKeyStore } from './support/shared-key-store';
import { TEST_MASTER_KEY, TEST_PSEUDONYM_KEY } from './support/test-secret';
import { identifyBody } from './support/journey-fixtures';
import { snapshotReadModel, type ReadModelSnapshot } from './support/read-model-snapshot';
import { seedRegistry } from './support/registry-seed';
import { ServerProcess } from './support/server-process';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const toAppend = ({ type, data }: CaseEvent): EventToAppend => ({
  id: randomUUID(),
  type,
  data: data as Record<string, unknown>,
  metadata: {},
});

/** A short journey on a new case, appended the way another process would, straight to the store. */
async function appendJourney(store: EventStoreDbEventStore): Promise<void> {
  const caseId = randomUUID();
  const journey = [
    event.studentIdentified({ caseId, student: `stu_${caseId}`, pii: { studentId: `st-${caseId}` } }),
    event.visitorsAssigned(),
    event.consentOffered(),
  ];
  await store.appendToStream(`case-${caseId}`, journey.map(toAppend), 'no_stream');
}

/** The case summaries rebuilt from the first event by a fresh runner into a fresh file. */
async function freshRebuild(
  store: EventStoreDbEventStore,
  dir: string,
  events: number,
  keyStoreUrl: string,
): Promise<ReadModelSnapshot> {
  const file = join(dir, 'read-models.sqlite');
  const readModels = ReadModels.open(file);
  // The names the api sealed open with the key store it shares, as any other process on EventStoreDB.
  const keys = createKeyStore({ LEAP_KEYSTORE_URL: keyStoreUrl, LEAP_MASTER_KEY: TEST_MASTER_KEY });
  const pii = new AesGcmPiiCipher(keys);
  const runner = new ProjectionRunner(readModels, store, [caseSummariesProjection], { pii });
  try {
    runner.start();
    await eventually(async () => readModels.checkpoints.active('case_summaries')?.events === events, {
      what: `a fresh rebuild of ${events} events`,
    });
  } finally {
    await runner.stop();
    readModels.close();
    await keys.close();
  }
  return snapshotReadModel(file, 'case_summaries');
}

describe("when EventStoreDB goes away under the projection runner's live $all subscription and comes back", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leap-esdb-reconnect-'));
  const freshDir = mkdtempSync(join(tmpdir(), 'leap-esdb-rebuild-'));
  let double: EsdbDouble;
  let keyStore: Awaited<ReturnType<typeof sharedKeyStore>> | undefined;
  let api: ServerProcess;
  let other: EventStoreDbEventStore;
  let client: Client;

  beforeAll(async () => {
    double = await EsdbDouble.start();
    keyStore = await sharedKeyStore();
    api = await ServerProcess.start({
      EVENTSTORE_CONNECTION_STRING: double.connectionString,
      LEAP_KEYSTORE_URL: keyStore.url,
      LEAP_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      LEAP_MASTER_KEY: TEST_MASTER_KEY,
      LEAP_DATA_DIR: dataDir,
      LEAP_ROLE: 'api',
    });
    await seedRegistry(api.baseUrl);
    other = new EventStoreDbEventStore(double.connectionString);
    client = new Client(api.baseUrl, mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), coordinator()));
  });
  afterAll(async () => {
    await api?.stop();
    await other?.close();
    await double?.stop();
    await keyStore?.drop();
    for (const dir of [dataDir, freshDir]) rmSync(dir, { recursive: true, force: true });
  });

  const identify = async (): Promise<{ caseId: string; position: string }> => {
    const created = await client.post('/v1/cases', identifyBody());
    expect(created.status).toBe(201);
    return created.body;
  };
  /** Read-your-writes: the case list answers once the replica has reached `position`. */
  const listedAfter = (position: string) =>
    eventually(
      async () => (await client.get(`/v1/cases?minPosition=${encodeURIComponent(position)}`)).status === 200,
      { timeoutMs: 15_000, what: `the case summaries to reach ${position}` },
    );

  it('resumes after the last event it delivered: nothing skipped or doubled, equal to a fresh rebuild', async () => {
    let last = await identify();
    for (let n = 0; n < 2; n++) last = await identify();
    await appendJourney(other);
    await listedAfter(last.position);

    await double.stop();
    const refusedAt = Date.now();
    const refused = await client.post('/v1/cases', identifyBody());
    expect([refused.status, refused.body.code]).toEqual([503, 'event_store_unavailable']);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(Date.now() - refusedAt).toBeLessThan(5_000);
    await sleep(1_000);
    await double.start();

    // At once, while the api's subscription still waits out its backoff: another client appends.
    for (let n = 0; n < 4; n++) await appendJourney(other);
    for (let n = 0; n < 3; n++) last = await identify();
    await listedAfter(last.position);

    const caseEvents = (await other.readAll({ filter: caseSummariesProjection.filter })).length;
    const stateWideAdmin = new Client(
      api.baseUrl,
      mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), { sub: 'root', role: 'admin' }),
    );
    const status = (await stateWideAdmin.get('/v1/projections')).body.projections.find(
      (projection: { name: string }) => projection.name === 'case_summaries',
    );
    // The runner saw no error: the adapter resubscribed under it.
    expect(status).toMatchObject({ state: 'live', lastError: null, eventsApplied: caseEvents });

    await api.stop();
    const resumed = snapshotReadModel(join(dataDir, 'read-models.sqlite'), 'case_summaries');
    expect(resumed.tables['(documents)']).toHaveLength(6 + 5);
    expect(resumed).toEqual(await freshRebuild(other, freshDir, caseEvents, keyStore!.url));
  });
});

describe('when EventStoreDB stays away longer than a subscription waits for it', () => {
  it('surfaces the error to the consumer, which then starts over from its own checkpoint', async () => {
    const double = await EsdbDouble.start();
    const store = new EventStoreDbEventStore(double.connectionString, {
      reconnect: { delayMs: () => 50, maxOutageMs: 400 },
    });
    try {
      await appendJourney(store);
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['case-'] } });
      const iterator = subscription[Symbol.asyncIterator]();
      for (let n = 0; n < 3; n++) expect((await iterator.next()).done).toBe(false);
      const waiting = iterator.next();
      waiting.catch(() => undefined);
      await double.stop();
      const stoppedAt = Date.now();
      await expect(waiting).rejects.toMatchObject({
        type: expect.stringMatching(/^(unavailable|cancelled)$/),
      });
      expect(Date.now() - stoppedAt).toBeLessThan(5_000);
      expect(await iterator.next()).toEqual({ done: true, value: undefined });
    } finally {
      await store.close();
      await double.stop();
    }
  });
});

describe('when EventStoreDB hangs: connections open, nothing answered', () => {
  let server: EsdbDoubleProcess;
  beforeAll(async () => {
    server = await EsdbDoubleProcess.start();
  });
  afterAll(() => server?.stop());

  it('fails appends and reads within the deadline, then works again, and the append retried with its ids lands once', async () => {
    const store = new EventStoreDbEventStore(server.connectionString, { deadlineMs: 1_000 });
    try {
      const streamId = `case-${randomUUID()}`;
      const [first, second] = [event.studentIdentified(), event.consentOffered()].map(toAppend);
      await store.appendToStream(streamId, [first!], 'no_stream');

      server.hang();
      const hungAt = Date.now();
      const outcomes = await Promise.allSettled([
        store.appendToStream(streamId, [second!], 0n),
        store.readStream(streamId),
        store.readAll({ maxCount: 10 }),
      ]);
      expect(Date.now() - hungAt).toBeLessThan(3_000);
      for (const outcome of outcomes)
        expect(outcome).toMatchObject({ status: 'rejected', reason: { name: 'EventStoreDeadlineError' } });

      server.resume();
      // Whether or not the timed-out append went in, retrying it with the same event id is safe.
      await store.appendToStream(streamId, [second!], 0n);
      expect((await store.readStream(streamId)).map((recorded) => recorded.id)).toEqual([
        first!.id,
        second!.id,
      ]);
    } finally {
      await store.close();
    }
  });
});
