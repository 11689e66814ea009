import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { mintEmbeddedToken } from '@leap/auth';
import { caseSummariesProjection } from '@leap/case-summaries';
import { EventStoreDbEventStore } from '@leap/event-store/eventstoredb';
import { dropQueueKeys, eventually, onlyRules } from '../libs/follow-ups/src/testing/follow-up-test-env';
import { EsdbDouble } from './esdb-double/esdb-double';
import { Client, TEST_SECRET, coordinator } from './support/harness';
import { TEST_MASTER_KEY, TEST_PSEUDONYM_KEY } from './support/test-secret';
import { identifyBody } from './support/journey-fixtures';
import { snapshotReadModel } from './support/read-model-snapshot';
import { sharedKeyStore } from './support/shared-key-store';
import { districtsWithSchools, seedRegistry } from './support/registry-seed';
import { ServerProcess } from './support/server-process';
import { WorkerProcess } from './support/worker-process';

jest.setTimeout(60_000);

type FollowUp = { followUpId: string; rule: string; state: string };

/**
 * The EventStoreDB deployment: an api process (LEAP_ROLE=api) and a worker process
 * (LEAP_ROLE=worker), each with its own data dir (its own read-model replica), both on one
 * EventStoreDB (the double) and one Redis, with a queue prefix of this run's own.
 */
describe('when the api and the worker run as separate processes on one EventStoreDB', () => {
  const district = `d-roles-${randomUUID().slice(0, 8)}`;
  const prefix = `leap-roles-${randomUUID().slice(0, 8)}`;
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const apiDir = mkdtempSync(join(tmpdir(), 'leap-roles-api-'));
  const workerDir = mkdtempSync(join(tmpdir(), 'leap-roles-worker-'));
  let double: EsdbDouble;
  let api: ServerProcess;
  let worker: WorkerProcess | undefined;
  let client: Client;
  let firstCase: string;

  /** Both processes open the same data keys: the worker's replica names students as the api's does. */
  let keyStore: Awaited<ReturnType<typeof sharedKeyStore>>;
  const shared = () => ({
    EVENTSTORE_CONNECTION_STRING: double.connectionString,
    LEAP_KEYSTORE_URL: keyStore.url,
    LEAP_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
    LEAP_MASTER_KEY: TEST_MASTER_KEY,
    REDIS_URL: redisUrl,
    LEAP_QUEUE_PREFIX: prefix,
    // Switched on for both: the role, not this switch, keeps the api from running them.
    LEAP_FOLLOW_UP_WORKERS: 'on',
    LEAP_FOLLOW_UP_RECONCILE_MS: '3600000',
  });
  const followUpsOf = async (caseId: string): Promise<FollowUp[]> =>
    (await client.get(`/v1/cases/${caseId}`)).body.followUps;
  const historyOf = async (caseId: string): Promise<{ type: string; metadata: Record<string, unknown> }[]> =>
    (await client.get(`/v1/cases/${caseId}/history`)).body.events;
  const identify = async (): Promise<string> => {
    const created = await client.post('/v1/cases', identifyBody({ districtId: district }));
    expect(created.status).toBe(201);
    return created.body.caseId;
  };
  const raised = (caseId: string) =>
    eventually(async () => (await followUpsOf(caseId)).find((f) => f.rule === 'offer_consent'), {
      timeoutMs: 15_000,
      what: `offer_consent on case ${caseId}${worker ? `\n${worker.logs}` : ''}`,
    });

  beforeAll(async () => {
    double = await EsdbDouble.start();
    keyStore = await sharedKeyStore();
    api = await ServerProcess.start({ ...shared(), LEAP_ROLE: 'api', LEAP_DATA_DIR: apiDir });
    await seedRegistry(api.baseUrl, districtsWithSchools(district));
    client = new Client(
      api.baseUrl,
      mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), coordinator(district)),
    );
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await double?.stop();
    await keyStore?.drop();
    await dropQueueKeys(redisUrl, prefix);
    for (const dir of [apiDir, workerDir]) rmSync(dir, { recursive: true, force: true });
  });

  it('the api alone records commands but schedules no timer and raises no follow-up', async () => {
    const rules = await client.send(
      'PUT',
      `/v1/districts/${district}/follow-up-rules`,
      onlyRules({ offer_consent: 'PT1S' }),
      {},
    );
    expect(rules.status).toBe(200);
    firstCase = await identify();
    // Well past PT1S: an embedded process would have raised offer_consent by now.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await followUpsOf(firstCase)).toEqual([]);
    expect((await historyOf(firstCase)).map((event) => event.type)).not.toContain('FollowUpDue.v1');
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    try {
      // Nothing but the api's rate-limit counters (`<prefix>:rate:…`): no queue, no timer.
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys.filter((key) => !key.startsWith(`${prefix}:rate:`))).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('the worker raises FollowUpDue.v1 for a case recorded through the api, which the api then shows', async () => {
    worker = await WorkerProcess.start({ ...shared(), LEAP_DATA_DIR: workerDir });
    const due = await raised(firstCase);
    expect(due.state).toBe('open');
    const followUps = (await historyOf(firstCase)).filter((event) => event.type === 'FollowUpDue.v1');
    expect(followUps).toHaveLength(1);
    expect(followUps[0]!.metadata).toMatchObject({ actorId: 'system', actorRole: 'system' });
  });

  it('a command through the api reaches the running worker live', async () => {
    const caseId = await identify();
    expect((await raised(caseId)).state).toBe('open');
  });

  it('the worker serves only health probes and keeps its own read-model replica', async () => {
    expect((await fetch(`${worker!.baseUrl}/v1/cases`)).status).toBe(404);
    expect(await (await fetch(`${worker!.baseUrl}/health/ready`)).json()).toMatchObject({
      status: 'ready',
      checks: { eventStore: 'up', redis: 'up', keyStore: 'up' },
    });
    // The one PostgreSQL key store: neither process keeps data keys in a data dir of its own.
    for (const dir of [apiDir, workerDir]) expect(existsSync(join(dir, 'keys.sqlite'))).toBe(false);
    // Both replicas follow the same $all: once each has applied every case event, they hold the same documents.
    const store = new EventStoreDbEventStore(double.connectionString);
    const caseEvents = (await store.readAll({ filter: caseSummariesProjection.filter })).length;
    await store.close();
    const file = (dir: string) => join(dir, 'read-models.sqlite');
    const replica = await eventually(
      async () => {
        const mine = snapshotReadModel(file(apiDir), 'case_summaries');
        const theirs = snapshotReadModel(file(workerDir), 'case_summaries');
        return mine.eventsApplied === caseEvents && theirs.eventsApplied === caseEvents
          ? { mine, theirs }
          : undefined;
      },
      { what: `both replicas to apply the ${caseEvents} case events` },
    );
    expect(replica.theirs).toEqual(replica.mine);
  });

  it('an api process refuses to start without the shared key store, naming LEAP_KEYSTORE_URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leap-roles-nokeys-'));
    try {
      const start = ServerProcess.start({
        ...shared(),
        LEAP_KEYSTORE_URL: '',
        LEAP_ROLE: 'api',
        LEAP_DATA_DIR: dir,
      });
      await expect(start).rejects.toThrow(/LEAP_KEYSTORE_URL is required with EVENTSTORE_CONNECTION_STRING/);
      expect(existsSync(join(dir, 'keys.sqlite'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('when a process is started with a role its entry point does not run', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leap-roles-refused-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start rather than run without its API or its workers', async () => {
    await expect(ServerProcess.start({ LEAP_ROLE: 'worker', LEAP_DATA_DIR: dataDir })).rejects.toThrow(
      /dist\/apps\/worker\/src\/main\.js/,
    );
    await expect(WorkerProcess.start({ LEAP_ROLE: 'bogus', LEAP_DATA_DIR: dataDir })).rejects.toThrow(
      /LEAP_ROLE=bogus is not a role/,
    );
  });
});
