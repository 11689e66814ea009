import { FollowUpQueue } from '@leap/follow-ups';
import { eventually, onlyRules } from '../libs/follow-ups/src/testing/follow-up-test-env';
import { followUpsOf, useFollowUpApi, waitForFollowUp } from './support/follow-ups';
import { TestApi, coordinator, withDistricts } from './support/harness';
import { daysAgo, identifyBody, registerTrainedVisitor } from './support/journey-fixtures';

jest.setTimeout(20_000);

describe('when follow-up rules run against real Redis', () => {
  const { api: currentApi } = useFollowUpApi(withDistricts('d-walk', 'd-visitor'));
  let api: TestApi;
  beforeAll(() => {
    api = currentApi();
  });

  describe('a case walked through short thresholds', () => {
    const district = 'd-walk';
    const coord = () => api.as(coordinator(district));
    const team = (sub: string) => api.as({ sub, role: 'attendance_team', districtId: district });
    let caseId: string;

    it('lets a coordinator set the district rules and shows them with the defaults', async () => {
      const put = await coord().send<any>(
        'PUT',
        `/v1/districts/${district}/follow-up-rules`,
        onlyRules({ offer_consent: 'PT1S', consent_answer: 'PT1S', first_visit: 'PT1S' }),
        {},
      );
      expect(put.status).toBe(200);
      const get = await api
        .as({ sub: 'team-a', role: 'attendance_team', districtId: district })
        .get(`/v1/districts/${district}/follow-up-rules`);
      expect(get.body.rules).toMatchObject({
        offer_consent: { after: 'PT1S', enabled: true },
        next_visit: { after: 'P30D', enabled: false },
        no_contact: { after: 'P30D', enabled: false },
      });
    });

    it('raises offer_consent as the system once the threshold passes', async () => {
      caseId = (await coord().post('/v1/cases', identifyBody({ districtId: district }))).body.caseId;
      const due = await waitForFollowUp(coord(), caseId, 'offer_consent');
      expect(due).toMatchObject({
        assignee: null,
        reason: expect.stringContaining('no consent offer within PT1S'),
      });
      const history = (await coord().get(`/v1/cases/${caseId}/history`)).body.events;
      const raised = history.filter((e: { type: string }) => e.type === 'FollowUpDue.v1');
      expect(raised).toHaveLength(1);
      expect(raised[0].metadata).toMatchObject({
        actorId: 'system',
        actorRole: 'system',
        commandType: 'RaiseFollowUp',
      });
      expect(raised[0].data).toMatchObject({
        followUpId: due.followUpId,
        rule: 'offer_consent',
        triggerEventId: expect.any(String),
      });
    });

    it('resolves it when the consent offer is recorded, then raises consent_answer', async () => {
      await coord().post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(5), channel: 'phone' });
      expect((await followUpsOf(coord(), caseId)).find((f) => f.rule === 'offer_consent')?.state).toBe(
        'resolved',
      );
      await waitForFollowUp(coord(), caseId, 'consent_answer');
    });

    it('raises first_visit after consent is granted and lets the team work it', async () => {
      await coord().post(`/v1/cases/${caseId}/consent-responses`, {
        respondedOn: daysAgo(4),
        decision: 'granted',
      });
      const item = await waitForFollowUp(coord(), caseId, 'first_visit');
      const path = `/v1/cases/${caseId}/follow-ups/${item.followUpId}`;

      const claim = await team('team-a').post(`${path}/claim`, undefined);
      expect([claim.status, claim.body.followUpId]).toEqual([200, item.followUpId]);
      const again = await team('team-a').post(`${path}/claim`, undefined);
      expect([again.status, again.body.revision]).toEqual([200, claim.body.revision]);
      const stolen = await team('team-b').post(`${path}/claim`, undefined);
      expect([stolen.status, stolen.body.code]).toEqual([409, 'already_claimed']);

      const until = new Date(Date.now() + 86_400_000).toISOString();
      expect((await team('team-a').post(`${path}/snooze`, { until })).status).toBe(200);
      expect(
        (await followUpsOf(coord(), caseId)).find((f) => f.followUpId === item.followUpId),
      ).toMatchObject({
        state: 'snoozed',
        assignee: 'team-a',
        snoozedUntil: until,
      });

      const done = await team('team-a').post(`${path}/complete`, {
        outcome: 'Called; visit booked for Monday',
      });
      expect(done.status).toBe(200);
      expect(
        (await followUpsOf(coord(), caseId)).find((f) => f.followUpId === item.followUpId),
      ).toMatchObject({
        state: 'completed',
        outcome: 'Called; visit booked for Monday',
      });
      const twice = await team('team-a').post(`${path}/complete`, { outcome: 'again' });
      expect([twice.status, twice.body.code]).toEqual([409, 'follow_up_closed']);
    });

    it('never raises a follow-up twice, even when fired timers run again after Redis forgot them', async () => {
      const followUpQueue = api.app.get(FollowUpQueue);
      const queue = await followUpQueue.open();
      const { installationId } = await followUpQueue.describe();
      await queue.obliterate({ force: true });
      const history = (await coord().get(`/v1/cases/${caseId}/history`)).body.events;
      const raised = history.filter((e: { type: string }) => e.type === 'FollowUpDue.v1');
      const replays = raised.map((e: { data: Record<string, string> }) => ({
        name: 'follow-up-timer',
        data: {
          installationId,
          caseId,
          ruleId: e.data.rule,
          triggerEventId: e.data.triggerEventId,
          dueAt: e.data.dueAt,
        },
        opts: { jobId: `fu__replay__${e.data.rule}` },
      }));
      await queue.addBulk(replays);
      const outcomes = await eventually(
        async () => {
          const jobs = await Promise.all(
            replays.map((job: { opts: { jobId: string } }) => queue.getJob(job.opts.jobId)),
          );
          return jobs.every((job) => job?.finishedOn) && jobs.map((job) => job!.returnvalue);
        },
        { what: 'the replayed timers to run' },
      );
      expect(outcomes).toEqual(['already_raised', 'already_raised', 'already_raised']);
      const after = (await coord().get(`/v1/cases/${caseId}/history`)).body.events;
      expect(after.filter((e: { type: string }) => e.type === 'FollowUpDue.v1')).toHaveLength(3);
    });

    it('refuses follow-up work to roles that only read, and to visitors of other families', async () => {
      const [item] = await followUpsOf(coord(), caseId);
      const path = `/v1/cases/${caseId}/follow-ups/${item!.followUpId}/claim`;
      const monitor = await api
        .as({ sub: 'fm', role: 'fidelity_monitor', districtId: district })
        .post(path, undefined);
      expect([monitor.status, monitor.body.code]).toEqual([403, 'role_not_allowed']);
      const stranger = await api
        .as({ sub: 'ben', role: 'home_visitor', districtId: district })
        .post(path, undefined);
      expect([stranger.status, stranger.body.code]).toEqual([404, 'case_not_found']);
    });

    it('lets only coordinators and admins of the district change the rules', async () => {
      const body = { rules: { first_visit: { after: 'P3D' } } };
      const byTeam = await team('team-a').send<any>(
        'PUT',
        `/v1/districts/${district}/follow-up-rules`,
        body,
        {},
      );
      expect([byTeam.status, byTeam.body.code]).toEqual([403, 'role_not_allowed']);
      const otherDistrict = await api
        .as(coordinator('d-other'))
        .send<any>('PUT', `/v1/districts/${district}/follow-up-rules`, body, {});
      expect([otherDistrict.status, otherDistrict.body.code]).toEqual([403, 'out_of_scope']);
      const invalid = await coord().send<any>(
        'PUT',
        `/v1/districts/${district}/follow-up-rules`,
        { rules: { first_visit: { after: '3 days' } } },
        {},
      );
      expect([invalid.status, invalid.body.code]).toEqual([400, 'validation_failed']);
      const unknown = await coord().send<any>(
        'PUT',
        `/v1/districts/${district}/follow-up-rules`,
        { rules: { weekly_call: { after: 'P7D' } } },
        {},
      );
      expect(unknown.status).toBe(400);
    });
  });

  describe('a home visitor assigned to the family', () => {
    it('may work the family’s follow-ups', async () => {
      const district = 'd-visitor';
      const coord = api.as(coordinator(district));
      await coord.send<any>(
        'PUT',
        `/v1/districts/${district}/follow-up-rules`,
        onlyRules({ offer_consent: 'PT1S' }),
        {},
      );
      const visitorId = await registerTrainedVisitor(coord, { districtId: district, subject: 'ana' });
      const caseId = (await coord.post('/v1/cases', identifyBody({ districtId: district }))).body.caseId;
      await coord.post(`/v1/cases/${caseId}/visitor-assignments`, {
        visitorIds: [visitorId],
        assignedOn: daysAgo(59),
      });
      const ana = api.as({ sub: 'ana', role: 'home_visitor', districtId: district });
      const item = await waitForFollowUp(ana, caseId, 'offer_consent');
      const claim = await ana.post(`/v1/cases/${caseId}/follow-ups/${item.followUpId}/claim`, undefined);
      expect(claim.status).toBe(200);
    });
  });
});
