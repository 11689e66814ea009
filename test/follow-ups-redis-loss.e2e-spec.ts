import { spawn, type ChildProcess } from 'node:child_process';
import { FollowUpQueue } from '@leap/follow-ups';
import {
  dropQueueKeys,
  eventually,
  followUpTestEnv,
  killQueueClients,
  onlyRules,
} from '../libs/follow-ups/src/testing/follow-up-test-env';
import { TestApi, coordinator, withDistricts, type Client } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';
import { freePort } from './support/server-process';

jest.setTimeout(30_000);

const followUpsOf = async (client: Client, caseId: string): Promise<{ rule: string; state: string }[]> =>
  (await client.get(`/v1/cases/${caseId}`)).body.followUps;

describe('when Redis loses the timers', () => {
  let env: ReturnType<typeof followUpTestEnv>;
  let api: TestApi;
  const coord = (district: string) => api.as(coordinator(district));

  beforeAll(async () => {
    // No periodic reconciliation within the suite: what brings the timers back is noticing the loss.
    env = followUpTestEnv({ reconcileEveryMs: 3_600_000 });
    api = await TestApi.start({ registry: withDistricts('d-flush', 'd-restart') });
  });
  afterAll(async () => {
    await api.stop();
    await dropQueueKeys(env.redisUrl, env.prefix);
  });

  /** A case whose PT2S timer is in Redis, waiting. */
  const caseWithPendingTimer = async (district: string) => {
    await coord(district).send(
      'PUT',
      `/v1/districts/${district}/follow-up-rules`,
      onlyRules({ offer_consent: 'PT2S' }),
      {},
    );
    const caseId = (await coord(district).post('/v1/cases', identifyBody({ districtId: district }))).body
      .caseId;
    await eventually(
      async () =>
        (await api.app.get(FollowUpQueue).open())
          .getDelayed()
          .then((jobs) => jobs.some((job) => job.data.caseId === caseId)),
      { what: 'the timer to be scheduled' },
    );
    return caseId as string;
  };

  it('notices keys removed under it, with no disconnect, and raises the follow-up within seconds', async () => {
    const caseId = await caseWithPendingTimer('d-flush');
    await dropQueueKeys(env.redisUrl, env.prefix);

    const due = await eventually(async () => (await followUpsOf(coord('d-flush'), caseId))[0], {
      timeoutMs: 12_000,
      what: 'the follow-up once the loss is noticed',
    });
    expect(due).toMatchObject({ rule: 'offer_consent', state: 'open' });
  });

  it('reconciles as soon as Redis comes back without the timers after a restart', async () => {
    const caseId = await caseWithPendingTimer('d-restart');
    // A Redis restart without persistence: the queue's data and every connection go. (The mark the
    // reconciler leaves is kept here, so that only the reconnect can bring the timer back.)
    await dropQueueKeys(env.redisUrl, `${env.prefix}:follow-ups`);
    expect(await killQueueClients(env.redisUrl, env.prefix)).toBeGreaterThanOrEqual(2);

    const due = await eventually(async () => (await followUpsOf(coord('d-restart'), caseId))[0], {
      timeoutMs: 8_000,
      what: 'the follow-up after Redis came back',
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
    // Nothing listens on the port yet. No periodic reconciliation within the suite: Redis coming up
    // is what brings the timers in.
    followUpTestEnv({ redisUrl: `redis://127.0.0.1:${port}`, reconcileEveryMs: 3_600_000 });
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
