import { randomUUID } from 'node:crypto';
import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, registerTrainedVisitor } from './support/journey-fixtures';
import { appendRaw } from './support/raw-events';

jest.setTimeout(30_000);

/** What people wrote into the clear fields of the `.v1` events: every one of them names someone. */
const WORDS = {
  declined: 'Mr. Park works nights',
  missed: 'Maya was at the clinic with Rosa',
  cancelled: 'Rosa asked to move it to Friday',
  strength: 'Grandmother Rosa walks Maya to school',
  aspiration: 'Maya wants to be a vet like aunt Lucia',
  notes: 'met at the kitchen table',
  outcome: 'Called Mr. Park; visit booked',
  voided: 'Logged on the Lopez family by mistake',
  reopened: 'Mr. Park asked to start again',
  withdrawn: 'Rosa moved in with her sister',
};

/** Each legacy type this store holds, and the version every reader sees instead. */
const LEGACY_TYPES = {
  'ConsentDeclined.v1': 'ConsentDeclined.v2',
  'VisitMissed.v1': 'VisitMissed.v2',
  'VisitCancelled.v1': 'VisitCancelled.v2',
  'VisitHeld.v1': 'VisitHeld.v2',
  'FollowUpCompleted.v1': 'FollowUpCompleted.v2',
  'EntryVoided.v1': 'EntryVoided.v2',
  'CaseReopened.v1': 'CaseReopened.v2',
  'ConsentWithdrawn.v1': 'ConsentWithdrawn.v2',
};

/**
 * A store written by an earlier version holds the `.v1` events that kept free text in clear fields.
 * Every reader sees them as their `.v2`: the words in `pii` for roles that see personal data, and
 * nothing of them (codes only) for fidelity monitors.
 */
describe('when the store holds events written before free text moved into pii', () => {
  let api: TestApi;
  let coord: Client;
  let caseId: string;
  let visitor: string;
  const heldVisit = randomUUID();
  const followUpId = randomUUID();

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    visitor = await registerTrainedVisitor(coord, { name: 'Ana Ruiz' });
    caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId;
    const path = `/v1/cases/${caseId}`;
    await coord.post(`${path}/consent-offers`, { offeredOn: daysAgo(55), channel: 'phone' });
    await appendRaw(api, caseId, [
      {
        type: 'ConsentDeclined.v1',
        data: { respondedOn: daysAgo(54), reason: WORDS.declined },
        commandType: 'RecordConsentResponse',
      },
    ]);
    await coord.post(`${path}/consent-offers`, { offeredOn: daysAgo(50), channel: 'letter' });
    await coord.post(`${path}/consent-responses`, { respondedOn: daysAgo(49), decision: 'granted' });
    const schedule = async (date: string) =>
      (
        await coord.post(`${path}/visits`, {
          status: 'scheduled',
          date,
          location: 'home',
          visitorIds: [visitor],
        })
      ).body.visitId as string;
    const missed = await schedule(daysAgo(45));
    const cancelled = await schedule(daysAgo(44));
    const by = 'ana';
    await appendRaw(api, caseId, [
      {
        type: 'VisitMissed.v1',
        data: { visitId: missed, date: daysAgo(45), reason: WORDS.missed, recordedBy: by },
        commandType: 'RecordVisitNotHeld',
      },
      {
        type: 'VisitCancelled.v1',
        data: { visitId: cancelled, date: daysAgo(44), reason: WORDS.cancelled, recordedBy: by },
        commandType: 'RecordVisitNotHeld',
      },
      {
        type: 'VisitHeld.v1',
        data: {
          visitId: heldVisit,
          visitNumber: 1,
          date: daysAgo(40),
          location: 'home',
          visitorIds: [visitor],
          pair: false,
          householdVisitId: null,
          barriers: ['transportation'],
          strengths: [WORDS.strength],
          aspirations: [WORDS.aspiration],
          familyWantsToContinue: true,
          pii: { notes: WORDS.notes },
          recordedBy: by,
        },
        commandType: 'RecordVisitHeld',
      },
      {
        type: 'FollowUpDue.v1',
        data: {
          followUpId,
          rule: 'next_visit',
          reason: `Visit #1 held on ${daysAgo(40)}; no next visit within P7D`,
          dueAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
          triggerEventId: randomUUID(),
          entryId: heldVisit,
        },
        commandType: 'RaiseFollowUp',
        actor: { id: 'system', role: 'system' },
      },
      {
        type: 'FollowUpCompleted.v1',
        data: { followUpId, outcome: WORDS.outcome, completedOn: daysAgo(30), completedBy: 'team-a' },
        commandType: 'CompleteFollowUp',
        actor: { id: 'team-a', role: 'attendance_team' },
      },
    ]);
    const second = (
      await coord.post(`${path}/visits`, {
        status: 'held',
        date: daysAgo(35),
        location: 'school',
        visitorIds: [visitor],
      })
    ).body.visitId;
    await appendRaw(api, caseId, [
      {
        type: 'EntryVoided.v1',
        data: {
          entryId: second,
          entryKind: 'visit',
          voidedOn: daysAgo(34),
          reason: WORDS.voided,
          recordedBy: 'coord-d1',
        },
        commandType: 'VoidEntry',
      },
    ]);
    await coord.post(`${path}/closure`, { closedOn: daysAgo(20), reason: 'moved' });
    await appendRaw(api, caseId, [
      {
        type: 'CaseReopened.v1',
        data: { reopenedOn: daysAgo(10), reason: WORDS.reopened },
        commandType: 'ReopenCase',
      },
      {
        type: 'ConsentWithdrawn.v1',
        data: { respondedOn: daysAgo(5), reason: WORDS.withdrawn },
        commandType: 'RecordConsentResponse',
      },
    ]);
  });
  afterAll(() => api.stop());

  it('shows a coordinator the case with the legacy words where they always were', async () => {
    const read = await coord.get(`/v1/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'open', consent: 'withdrawn', visitCount: 1 });
    expect(read.body.visits).toEqual([
      expect.objectContaining({ status: 'missed', reason: WORDS.missed, reasonCode: null }),
      expect.objectContaining({ status: 'cancelled', reason: WORDS.cancelled, reasonCode: null }),
      expect.objectContaining({
        visitId: heldVisit,
        number: 1,
        strengths: [WORDS.strength],
        aspirations: [WORDS.aspiration],
        strengthCodes: [],
        pii: { notes: WORDS.notes },
      }),
    ]);
    expect(read.body.followUps).toEqual([
      expect.objectContaining({ followUpId, state: 'completed', outcome: WORDS.outcome, resolution: null }),
    ]);
  });

  it('shows a coordinator every legacy event in the history as its v2, the words in pii', async () => {
    const history = (await coord.get(`/v1/cases/${caseId}/history`)).body;
    const types: string[] = history.events.map((e: { type: string }) => e.type);
    const legacy = Object.keys(LEGACY_TYPES);
    expect(types.filter((type) => legacy.includes(type))).toEqual([]);
    for (const current of Object.values(LEGACY_TYPES)) expect(types).toContain(current);
    const data = (type: string) => history.events.find((e: { type: string }) => e.type === type)?.data;
    expect(data('ConsentDeclined.v2')).toEqual({
      respondedOn: daysAgo(54),
      reasonCode: null,
      pii: { reason: WORDS.declined },
    });
    expect(data('ConsentWithdrawn.v2')).toMatchObject({ pii: { reason: WORDS.withdrawn } });
    expect(data('VisitHeld.v2')).toMatchObject({
      strengthCodes: [],
      pii: { notes: WORDS.notes, strengths: [WORDS.strength], aspirations: [WORDS.aspiration] },
    });
    expect(data('VisitHeld.v2')).not.toHaveProperty('strengths');
    expect(data('EntryVoided.v2')).toMatchObject({ reasonCode: null, pii: { reason: WORDS.voided } });
    expect(data('CaseReopened.v2')).toMatchObject({ pii: { reason: WORDS.reopened } });
    expect(data('FollowUpCompleted.v2')).toMatchObject({ resolution: null, pii: { outcome: WORDS.outcome } });
  });

  it('shows a fidelity monitor the codes of the legacy events and none of their words', async () => {
    const monitor = api.as({ sub: 'fm', role: 'fidelity_monitor', districtId: 'd1' });
    const read = await monitor.get(`/v1/cases/${caseId}`);
    const history = await monitor.get(`/v1/cases/${caseId}/history`);
    expect([read.status, history.status]).toEqual([200, 200]);
    expect(read.body.visits).toEqual([
      expect.objectContaining({ status: 'missed', reasonCode: null }),
      expect.objectContaining({ status: 'cancelled', reasonCode: null }),
      expect.objectContaining({ number: 1, barriers: ['transportation'], strengthCodes: [] }),
    ]);
    expect(read.body.visits[2]).not.toHaveProperty('strengths');
    expect(read.body.followUps[0]).toMatchObject({ state: 'completed', resolution: null });
    expect(read.body.followUps[0]).not.toHaveProperty('outcome');
    const shown = JSON.stringify([read.body, history.body]);
    for (const words of Object.values(WORDS)) expect(shown).not.toContain(words);
    expect(shown).not.toMatch(/Park|Rosa|Lucia|Lopez/);
  });

  it('decides new commands on the legacy entries and writes only v2', async () => {
    const revision = (await coord.get(`/v1/cases/${caseId}`)).body.revision;
    const voided = await coord.post(`/v1/cases/${caseId}/entries/${heldVisit}/void`, {
      reason: 'Entered twice',
      reasonCode: 'duplicate',
    });
    expect(voided.status).toBe(200);
    const history = (await coord.get(`/v1/cases/${caseId}/history`)).body.events;
    expect(history.at(-1)).toMatchObject({
      revision: revision + 1,
      type: 'EntryVoided.v2',
      data: { entryId: heldVisit, reasonCode: 'duplicate', pii: { reason: 'Entered twice' } },
    });
    expect((await coord.get(`/v1/cases/${caseId}`)).body.visitCount).toBe(0);
  });
});
