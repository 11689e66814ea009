import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, registerTrainedVisitor } from './support/journey-fixtures';

describe('when visits are scheduled, held, voided and shared by siblings', () => {
  let api: TestApi;
  let coord: Client;
  /** Two visitors of the district. */
  let v1: string;
  let v2: string;

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    v1 = await registerTrainedVisitor(coord, { name: 'Ana Ruiz' });
    v2 = await registerTrainedVisitor(coord, { name: 'Ben Ode' });
  });
  afterAll(() => api.stop());

  async function consentingCase(overrides: Record<string, unknown> = {}): Promise<string> {
    const caseId = (await coord.post('/v1/cases', identifyBody(overrides))).body.caseId;
    await coord.post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(55), channel: 'phone' });
    await coord.post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(54),
      decision: 'granted',
    });
    return caseId;
  }

  it('resolves a scheduled visit as held, and numbers it then', async () => {
    const caseId = await consentingCase();
    const scheduled = await coord.post(`/v1/cases/${caseId}/visits`, {
      status: 'scheduled',
      date: daysAgo(40),
      location: 'home',
      visitorIds: [v1, v2],
    });
    expect(scheduled.status).toBe(201);
    const missed = await coord.post(`/v1/cases/${caseId}/visits`, {
      status: 'scheduled',
      date: daysAgo(45),
      location: 'home',
      visitorIds: [v1],
    });
    await coord.post(`/v1/cases/${caseId}/visits/${missed.body.visitId}/outcome`, {
      status: 'missed',
      date: daysAgo(45),
      reason: 'Family not home',
    });
    const held = await coord.post(`/v1/cases/${caseId}/visits/${scheduled.body.visitId}/outcome`, {
      status: 'held',
      date: daysAgo(40),
      location: 'community',
      visitorIds: [v1, v2],
      familyWantsToContinue: true,
    });
    expect(held.status).toBe(200);
    const visits = (await coord.get(`/v1/cases/${caseId}`)).body.visits;
    expect(
      visits.map((v: { status: string; number: number | null; location: string }) => [
        v.status,
        v.number,
        v.location,
      ]),
    ).toEqual([
      ['held', 1, 'community'],
      ['missed', null, 'home'],
    ]);
    const again = await coord.post(`/v1/cases/${caseId}/visits/${scheduled.body.visitId}/outcome`, {
      status: 'cancelled',
      date: daysAgo(39),
    });
    expect([again.status, again.body.code]).toEqual([409, 'visit_already_resolved']);
  });

  it('answers 404 visit_not_found for the outcome of a visit that was never scheduled', async () => {
    const caseId = await consentingCase();
    const response = await coord.post(`/v1/cases/${caseId}/visits/nope/outcome`, {
      status: 'held',
      date: daysAgo(3),
      location: 'home',
      visitorIds: [v1],
    });
    expect([response.status, response.body.code]).toEqual([404, 'visit_not_found']);
  });

  it('renumbers later visits when a visit is voided, and keeps the original in the history', async () => {
    const caseId = await consentingCase();
    const held = (date: string) =>
      coord.post(`/v1/cases/${caseId}/visits`, {
        status: 'held',
        date,
        location: 'home',
        visitorIds: [v1],
      });
    const first = (await held(daysAgo(30))).body.visitId;
    await held(daysAgo(20));
    const voided = await coord.post(`/v1/cases/${caseId}/entries/${first}/void`, {
      reason: 'Logged on the wrong family',
    });
    expect(voided.status).toBe(200);
    const next = await coord.post(`/v1/cases/${caseId}/visits`, {
      status: 'held',
      visitNumber: 2,
      date: daysAgo(10),
      location: 'home',
      visitorIds: [v1],
    });
    expect(next.status).toBe(201);
    const state = (await coord.get(`/v1/cases/${caseId}`)).body;
    expect(state.visits.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    const history = (await coord.get(`/v1/cases/${caseId}/history`)).body.events.map(
      (e: { type: string }) => e.type,
    );
    expect(history.filter((t: string) => t === 'VisitHeld.v2')).toHaveLength(3);
    expect(history).toContain('EntryVoided.v2');
    const twice = await coord.post(`/v1/cases/${caseId}/entries/${first}/void`, { reason: 'again' });
    expect([twice.status, twice.body.code]).toEqual([409, 'entry_already_voided']);
  });

  it('records one household visit on each sibling’s case with the same householdVisitId', async () => {
    const older = await consentingCase({ householdId: 'hh-7', grade: '9' });
    const younger = await consentingCase({ householdId: 'hh-7', grade: '3' });
    const visit = {
      status: 'held',
      date: daysAgo(5),
      location: 'home',
      visitorIds: [v1, v2],
      householdVisitId: 'hv-1',
    };
    expect((await coord.post(`/v1/cases/${older}/visits`, visit)).status).toBe(201);
    expect((await coord.post(`/v1/cases/${younger}/visits`, visit)).status).toBe(201);
    for (const caseId of [older, younger]) {
      const state = (await coord.get(`/v1/cases/${caseId}`)).body;
      expect([state.householdId, state.visits[0].householdVisitId]).toEqual(['hh-7', 'hv-1']);
    }
  });

  it('applies every one of many concurrent commands on one case exactly once', async () => {
    const caseId = await consentingCase();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        coord.post(`/v1/cases/${caseId}/follow-up-calls`, { calledOn: daysAgo(i + 1), outcome: 'reached' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.body.revision)).size).toBe(20);
    expect((await coord.get(`/v1/cases/${caseId}`)).body.followUpCalls).toHaveLength(20);
  });
});
