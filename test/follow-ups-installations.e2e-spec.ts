import { FollowUpQueue, TIMER_JOB } from '@leap/follow-ups';
import {
  dropQueueKeys,
  eventually,
  followUpTestEnv,
  onlyRules,
} from '../libs/follow-ups/src/testing/follow-up-test-env';
import { waitForFollowUp } from './support/follow-ups';
import { TestApi, coordinator, withDistricts } from './support/harness';
import { identifyBody } from './support/journey-fixtures';

jest.setTimeout(60_000);

const CASES_EACH = 4;
const district = 'd-shared-redis';

/**
 * Two installations (each its own event store: another data dir, or another EventStoreDB) on one
 * Redis, both with default settings: no LEAP_QUEUE_PREFIX.
 */
describe('when two installations share one Redis with default settings', () => {
  let env: ReturnType<typeof followUpTestEnv>;
  const installations: TestApi[] = [];
  const prefixes: string[] = [];

  beforeAll(async () => {
    env = followUpTestEnv();
    delete process.env.LEAP_QUEUE_PREFIX;
    for (let i = 0; i < 2; i++) {
      const api = await TestApi.start({ registry: withDistricts(district) });
      installations.push(api);
      prefixes.push((await api.app.get(FollowUpQueue).describe()).prefix);
    }
  });
  afterAll(async () => {
    for (const api of installations) await api.stop();
    for (const prefix of prefixes) await dropQueueKeys(env.redisUrl, prefix);
  });

  const admin = (api: TestApi) => api.as({ sub: 'root', role: 'admin' });

  it('keeps each installation’s timers under a prefix of its own, derived from its installation id', async () => {
    const views = await Promise.all(
      installations.map(async (api) => (await admin(api).get('/v1/queues')).body),
    );
    const [first, second] = views.map((view) => ({
      installationId: view.installationId as string,
      prefix: view.queues[0].prefix as string,
    }));
    expect(first!.installationId).not.toBe(second!.installationId);
    expect(first!.prefix).not.toBe(second!.prefix);
    for (const view of [first!, second!]) {
      expect(view.prefix).toBe(`leap-${view.installationId.replaceAll('-', '').slice(0, 12)}`);
    }
  });

  it('lets each raise its own follow-ups, and neither drop the other’s', async () => {
    const cases = await Promise.all(
      installations.map(async (api) => {
        const coord = api.as(coordinator(district));
        await coord.send(
          'PUT',
          `/v1/districts/${district}/follow-up-rules`,
          onlyRules({ offer_consent: 'PT1S' }),
          {},
        );
        const ids: string[] = [];
        for (let n = 0; n < CASES_EACH; n++)
          ids.push((await coord.post('/v1/cases', identifyBody({ districtId: district }))).body.caseId);
        return ids;
      }),
    );
    for (const [i, api] of installations.entries()) {
      for (const caseId of cases[i]!)
        await waitForFollowUp(api.as(coordinator(district)), caseId, 'offer_consent');
      const view = (await admin(api).get('/v1/queues')).body.queues[0];
      expect(view.failed).toEqual([]);
    }
  });

  it('fails, visibly and at once, a job of another installation found in its queue', async () => {
    const [mine, theirs] = installations as [TestApi, TestApi];
    const foreignId = (await theirs.app.get(FollowUpQueue).describe()).installationId;
    const queue = await mine.app.get(FollowUpQueue).open();
    await queue.add(
      TIMER_JOB,
      {
        installationId: foreignId,
        caseId: 'case-of-another-installation',
        ruleId: 'offer_consent',
        triggerEventId: 'event-of-another-installation',
        dueAt: new Date().toISOString(),
        generation: 1,
      },
      { jobId: 'fu__foreign', attempts: 5 },
    );
    const failed = await eventually(
      async () =>
        ((await admin(mine).get('/v1/queues')).body.queues[0].failed as { jobId: string }[]).find(
          (job) => job.jobId === 'fu__foreign',
        ),
      { what: 'the foreign job to fail' },
    );
    expect(failed).toMatchObject({
      attemptsMade: 1,
      failedReason: expect.stringContaining(`Timer of installation ${foreignId}, not of this one`),
    });
  });
});
