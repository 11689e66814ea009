import { spawn, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { FollowUpReconciler } from '@leap/follow-ups';
import {
  dropQueueKeys,
  eventually,
  followUpTestEnv,
  onlyRules,
} from '../libs/follow-ups/src/testing/follow-up-test-env';
import { EVENT_STORE_UNDER_TEST } from './support/event-store-under-test';
import { TestApi, coordinator, withDistricts, type Client } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';
import { freePort } from './support/server-process';

jest.setTimeout(30_000);

/** Redis database reserved for this suite (one per event store run, which may overlap): it is flushed. */
const FLUSHED_DB = EVENT_STORE_UNDER_TEST === 'sqlite' ? 13 : 12;

const followUpsOf = async (client: Client, caseId: string): Promise<{ rule: string; state: string }[]> =>
  (await client.get(`/v1/cases/${caseId}`)).body.followUps;

describe('when Redis loses its data', () => {
  let env: ReturnType<typeof followUpTestEnv>;
  let api: TestApi;
  const coord = () => api.as(coordinator('d-flush'));

  beforeAll(async () => {
    env = followUpTestEnv({ redisUrl: `redis://127.0.0.1:6379/${FLUSHED_DB}` });
    api = await TestApi.start({ registry: withDistricts('d-flush') });
  });
  afterAll(async () => {
    await api.stop();
    await dropQueueKeys(env.redisUrl, env.prefix);
  });

  it('re-derives the lost timer from the event store, and the follow-up still falls due', async () => {
    await coord().send(
      'PUT',
      '/v1/districts/d-flush/follow-up-rules',
      onlyRules({ offer_consent: 'PT2S' }),
      {},
    );
    const caseId = (await coord().post('/v1/cases', identifyBody({ districtId: 'd-flush' }))).body.caseId;
    const dueBy = Date.now() + 2_000;
    const admin = api.as({ sub: 'root', role: 'admin' });
    await eventually(async () => (await admin.get('/v1/queues')).body.queues[0].counts.delayed === 1, {
      what: 'the timer to be scheduled',
    });

    const redis = new Redis(env.redisUrl);
    await redis.flushdb();
    redis.disconnect();

    // The timer went with Redis's data: nothing falls due by itself.
    await new Promise((resolve) => setTimeout(resolve, dueBy + 1_000 - Date.now()));
    expect(await followUpsOf(coord(), caseId)).toEqual([]);

    const reconciled = await api.app.get(FollowUpReconciler).reconcileAll();
    expect(reconciled.timers).toBeGreaterThanOrEqual(1);
    const due = await eventually(async () => (await followUpsOf(coord(), caseId))[0], {
      what: 'the follow-up after reconciliation',
    });
    expect(due).toMatchObject({ rule: 'offer_consent', state: 'open' });
  });
});

describe('when Redis is down while the team works', () => {
  let api: TestApi;
  let redis: ChildProcess | undefined;
  let port: number;
  const coord = () => api.as(coordinator('d-down'));

  beforeAll(async () => {
    port = await freePort();
    // Nothing listens on the port yet; the reconciler runs every half second.
    followUpTestEnv({ redisUrl: `redis://127.0.0.1:${port}`, reconcileEveryMs: 500 });
    api = await TestApi.start({ registry: withDistricts('d-down') });
  });
  afterAll(async () => {
    await api.stop();
    if (redis?.exitCode === null) {
      const exited = new Promise((resolve) => redis!.once('exit', resolve));
      redis.kill();
      await exited;
    }
  });

  it('still accepts every command, and raises the follow-ups once Redis is back', async () => {
    const rules = await coord().send(
      'PUT',
      '/v1/districts/d-down/follow-up-rules',
      onlyRules({ consent_answer: 'PT1S' }),
      {},
    );
    expect(rules.status).toBe(200);
    const identified = await coord().post('/v1/cases', identifyBody({ districtId: 'd-down' }));
    expect(identified.status).toBe(201);
    const caseId = identified.body.caseId;
    const offer = await coord().post(`/v1/cases/${caseId}/consent-offers`, {
      offeredOn: daysAgo(3),
      channel: 'letter',
    });
    expect(offer.status).toBe(200);

    const queues = await api.as({ sub: 'root', role: 'admin' }).get('/v1/queues');
    expect([queues.status, queues.body.code]).toEqual([503, 'queue_unavailable']);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await followUpsOf(coord(), caseId)).toEqual([]);

    redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const due = await eventually(async () => (await followUpsOf(coord(), caseId))[0], {
      timeoutMs: 20_000,
      what: 'the follow-up once Redis is back',
    });
    expect(due).toMatchObject({ rule: 'consent_answer', state: 'open' });
  });
});
