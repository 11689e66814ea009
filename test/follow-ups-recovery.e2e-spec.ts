import { randomUUID } from 'node:crypto';
import { FOLLOW_UP_RULE_IDS } from '@leap/domain';
import { EventStoreUnavailableError } from '@leap/event-store';
import { FollowUpReconciler, RaiseFollowUpWhenTimerFires } from '@leap/follow-ups';
import { eventually, onlyRules } from '../libs/follow-ups/src/testing/follow-up-test-env';
import { followUpsOf, useFollowUpApi, waitForFollowUp } from './support/follow-ups';
import { TestApi, coordinator, withDistricts } from './support/harness';
import { identifyBody } from './support/journey-fixtures';

jest.setTimeout(60_000);

type FailedJob = { jobId: string; data: { caseId: string }; failedReason: string; attemptsMade: number };

describe('when follow-up timers meet failures', () => {
  const { api: currentApi } = useFollowUpApi(withDistricts('d-outage', 'd-absurd', 'd-broken', 'd-fine'));
  let api: TestApi;
  beforeAll(() => {
    api = currentApi();
  });
  const admin = () => api.as({ sub: 'root', role: 'admin' });
  const coord = (district: string) => api.as(coordinator(district));
  const identify = async (district: string): Promise<string> =>
    (await coord(district).post('/v1/cases', identifyBody({ districtId: district }))).body.caseId;
  const failedJobsOf = async (caseId: string): Promise<FailedJob[]> =>
    ((await admin().get('/v1/queues')).body.queues[0].failed as FailedJob[]).filter(
      (job) => job.data.caseId === caseId,
    );

  describe('a worker that fails a timer past its attempts', () => {
    it('raises the follow-up at the next reconciliation once it works again, and then clears the failure', async () => {
      const district = 'd-outage';
      await coord(district).send(
        'PUT',
        `/v1/districts/${district}/follow-up-rules`,
        onlyRules({ offer_consent: 'PT1S' }),
        {},
      );
      const reactor = api.app.get(RaiseFollowUpWhenTimerFires);
      const outage = jest
        .spyOn(reactor, 'handle')
        .mockRejectedValue(new EventStoreUnavailableError('The event store cannot be reached'));
      let caseId: string;
      let failed: FailedJob;
      try {
        caseId = await identify(district);
        // Five attempts, backing off 1, 2, 4 and 8 seconds.
        failed = await eventually(
          async () => (await failedJobsOf(caseId)).find((job) => job.attemptsMade === 5),
          { timeoutMs: 40_000, what: 'the timer to fail its last attempt' },
        );
      } finally {
        outage.mockRestore();
      }
      expect(failed.failedReason).toBe('The event store cannot be reached');
      expect(await followUpsOf(coord(district), caseId)).toEqual([]);

      const reconciled = await api.app.get(FollowUpReconciler).reconcileAll();
      expect(reconciled.retried).toBeGreaterThanOrEqual(1);
      await waitForFollowUp(coord(district), caseId, 'offer_consent');
      // The failure stayed visible until a later job of the same timer succeeded.
      await eventually(async () => (await failedJobsOf(caseId)).length === 0, {
        what: 'the settled failure to leave the failed set',
      });
    });
  });

  describe('a district whose rules cannot be planned', () => {
    it('refuses an absurd threshold with the field path', async () => {
      const refused = await coord('d-absurd').send<any>(
        'PUT',
        '/v1/districts/d-absurd/follow-up-rules',
        { rules: { no_contact: { after: 'P300000Y', enabled: true }, first_visit: { after: 'PT0.5S' } } },
        {},
      );
      expect([refused.status, refused.body.code]).toEqual([400, 'validation_failed']);
      expect(refused.body.errors).toEqual(
        expect.arrayContaining([
          { path: 'rules.no_contact.after', reason: 'after must be at most P2Y' },
          { path: 'rules.first_visit.after', reason: 'after must be at least PT1S' },
        ]),
      );
    });

    it('delays no other district’s follow-ups, and shows the cases it could not plan', async () => {
      // Rules written before thresholds were bounded, and rules that cannot be read at all.
      const store = api.openStore();
      const disabled = Object.fromEntries(FOLLOW_UP_RULE_IDS.map((id) => [id, { enabled: false }]));
      try {
        await store.appendToStream(
          'followuprules-d-absurd',
          [
            {
              id: randomUUID(),
              type: 'FollowUpRulesChanged.v1',
              data: {
                districtId: 'd-absurd',
                rules: { ...disabled, no_contact: { after: 'P300000Y', enabled: true } },
              },
              metadata: {},
            },
          ],
          'any',
        );
        await store.appendToStream(
          'followuprules-d-broken',
          [
            {
              id: randomUUID(),
              type: 'FollowUpRulesChanged.v1',
              data: { districtId: 'd-broken', rules: null },
              metadata: {},
            },
          ],
          'any',
        );
      } finally {
        await store.close();
      }
      await coord('d-fine').send(
        'PUT',
        '/v1/districts/d-fine/follow-up-rules',
        onlyRules({ offer_consent: 'PT1S' }),
        {},
      );

      const absurd = await identify('d-absurd');
      const broken = await identify('d-broken');
      const fine = await identify('d-fine');
      await waitForFollowUp(coord('d-fine'), fine, 'offer_consent');
      expect(await followUpsOf(coord('d-absurd'), absurd)).toEqual([]);
      expect(await followUpsOf(coord('d-broken'), broken)).toEqual([]);

      const { planning } = (await admin().get('/v1/queues')).body;
      expect(planning).toMatchObject({
        failingCases: 1,
        lastFailure: { caseId: broken, districtId: 'd-broken', error: expect.stringMatching(/^TypeError/) },
      });
    });
  });
});
