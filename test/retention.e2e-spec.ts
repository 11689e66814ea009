import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { RETENTION_QUEUE, RETENTION_SCHEDULER_ID, RetentionScheduler } from '@leap/follow-ups';
import {
  dropQueueKeys,
  eventually,
  followUpTestEnv,
} from '../libs/follow-ups/src/testing/follow-up-test-env';
import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';

jest.setTimeout(60_000);

describe('when a district keeps personal data for a retention period after closure', () => {
  let env: ReturnType<typeof followUpTestEnv>;
  let api: TestApi;
  let coord: Client;

  beforeAll(async () => {
    env = followUpTestEnv();
    api = await TestApi.start();
    coord = api.as(coordinator());
  });
  afterAll(async () => {
    await api.stop();
    await dropQueueKeys(env.redisUrl, env.prefix);
  });

  it('runs the sweep daily through a BullMQ job scheduler whose jobs carry no personal data', async () => {
    const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(RETENTION_QUEUE, { connection, prefix: env.prefix });
    try {
      const scheduler = await eventually(
        async () => (await queue.getJobScheduler(RETENTION_SCHEDULER_ID)) ?? undefined,
        { what: 'the retention scheduler to be upserted' },
      );
      expect(scheduler).toMatchObject({ pattern: '15 2 * * *', tz: 'America/New_York' });
      expect(Object.keys(scheduler.template?.data ?? {})).toEqual(['installationId']);
      expect(await queue.getJobSchedulersCount()).toBe(1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('erases closed cases past the district’s retention as the system, and leaves the others', async () => {
    const close = async (closedDaysAgo: number) => {
      const created = await coord.post('/v1/cases', identifyBody({ identifiedOn: daysAgo(60) }));
      const caseId: string = created.body.caseId;
      const closed = await coord.post(`/v1/cases/${caseId}/closure`, {
        closedOn: daysAgo(closedDaysAgo),
        reason: 'attendance_improved',
      });
      expect(closed.status).toBe(200);
      return caseId;
    };
    const old = await close(40);
    const recent = await close(10);
    const open = (await coord.post('/v1/cases', identifyBody())).body.caseId as string;
    const kept = await coord.send(
      'PUT',
      '/v1/districts/d1/settings',
      { allowUntrainedVisitors: false, retention: 'P30D' },
      {},
    );
    expect(kept.status).toBe(200);

    const swept = await api.app.get(RetentionScheduler, { strict: false }).sweep();
    expect(swept).toEqual([{ districtId: 'd1', erased: 1 }]);
    const last = async (caseId: string) =>
      (await coord.get(`/v1/cases/${caseId}/history`)).body.events.at(-1);
    expect(await last(old)).toMatchObject({
      type: 'FamilyDataErased.v1',
      data: { reasonCode: 'retention_period' },
      metadata: { actorId: 'system', actorRole: 'system' },
    });
    expect((await coord.get(`/v1/cases/${old}`)).body.pii).toEqual({ erased: true });
    for (const caseId of [recent, open]) expect((await last(caseId)).type).not.toBe('FamilyDataErased.v1');
  });
});
