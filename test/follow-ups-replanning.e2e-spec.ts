import { FollowUpQueue } from '@leap/follow-ups';
import { eventually, onlyRules } from '../libs/follow-ups/src/testing/follow-up-test-env';
import { followUpsOf, useFollowUpApi, waitForFollowUp } from './support/follow-ups';
import { TestApi, coordinator, withDistricts } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';

jest.setTimeout(20_000);

describe('when follow-up timers are re-planned or fail', () => {
  const { api: currentApi, env: currentEnv } = useFollowUpApi(withDistricts('d-replan'));
  let api: TestApi;
  let env: ReturnType<typeof currentEnv>;
  beforeAll(() => {
    api = currentApi();
    env = currentEnv();
  });

  describe('a rule whose threshold shrinks', () => {
    const district = 'd-replan';
    const coord = () => api.as(coordinator(district));

    it('re-plans the pending timer so the follow-up falls due under the new threshold', async () => {
      const rules = `/v1/districts/${district}/follow-up-rules`;
      await coord().send<any>('PUT', rules, onlyRules({ referral_outcome: 'PT1H' }), {});
      const caseId = (await coord().post('/v1/cases', identifyBody({ districtId: district }))).body.caseId;
      await coord().post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(9), channel: 'phone' });
      await coord().post(`/v1/cases/${caseId}/consent-responses`, {
        respondedOn: daysAgo(9),
        decision: 'granted',
      });
      const referralId = (
        await coord().post(`/v1/cases/${caseId}/referrals`, { referredOn: daysAgo(8), resourceType: 'food' })
      ).body.referralId;
      const admin = api.as({ sub: 'root', role: 'admin' });
      await eventually(async () => (await admin.get('/v1/queues')).body.queues[0].counts.delayed >= 1, {
        what: 'the one-hour timer to be scheduled',
      });
      expect(await followUpsOf(coord(), caseId)).toEqual([]);

      await coord().send<any>('PUT', rules, { rules: { referral_outcome: { after: 'PT1S' } } }, {});
      const due = await waitForFollowUp(coord(), caseId, 'referral_outcome');
      expect(due.entryId).toBe(referralId);
      // The superseded one-hour timer was taken out of the queue, not left to fire.
      await eventually(async () => (await admin.get('/v1/queues')).body.queues[0].counts.delayed === 0, {
        what: 'the superseded timer to be removed',
      });
      await coord().post(`/v1/cases/${caseId}/referrals/${referralId}/outcome`, {
        recordedOn: daysAgo(1),
        outcome: 'connected',
      });
      expect((await followUpsOf(coord(), caseId))[0]?.state).toBe('resolved');
    });
  });

  describe('a timer job that keeps failing', () => {
    it('is retried with backoff and stays visible to admins with its reason', async () => {
      const queue = await api.app.get(FollowUpQueue).open();
      await queue.add(
        'follow-up-timer',
        { caseId: 'c-1', ruleId: 'weekly_call' },
        {
          jobId: 'fu__broken',
          attempts: 2,
          backoff: { type: 'fixed', delay: 100 },
        },
      );
      const admin = api.as({ sub: 'root', role: 'admin' });
      const failed = await eventually(
        async () =>
          (await admin.get('/v1/queues')).body.queues[0].failed.find(
            (job: { jobId: string }) => job.jobId === 'fu__broken',
          ),
        { what: 'the job to fail' },
      );
      expect(failed).toMatchObject({
        attemptsMade: 2,
        failedReason: expect.stringContaining('Malformed timer job'),
      });
      const view = (await admin.get('/v1/queues')).body.queues[0];
      expect(view).toMatchObject({ name: 'follow-ups', prefix: env.prefix });
      expect(view.counts.failed).toBeGreaterThanOrEqual(1);
      const coordinatorView = await api.as(coordinator()).get('/v1/queues');
      expect([coordinatorView.status, coordinatorView.body.code]).toEqual([403, 'role_not_allowed']);
    });
  });
});
