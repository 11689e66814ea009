import { TestApi, coordinator, type Client } from './support/harness';
import {
  daysAgo,
  identifyBody,
  registerTrainedVisitor,
  registerVisitorBody,
} from './support/journey-fixtures';

describe('when users of different districts, schools and roles reach for a case', () => {
  let api: TestApi;
  let coord: Client;
  let caseId: string;
  let anaId: string;

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    anaId = await registerTrainedVisitor(coord, { name: 'Ana Ruiz', subject: 'ana' });
    caseId = (await coord.post('/v1/cases', identifyBody({ schoolId: 'sch-1' }))).body.caseId;
    await coord.post(`/v1/cases/${caseId}/visitor-assignments`, {
      visitorIds: [anaId],
      assignedOn: daysAgo(50),
    });
    await coord.post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(49), channel: 'phone' });
    await coord.post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(48),
      decision: 'declined',
      reason: 'Grandmother is wary of visits',
    });
  });
  afterAll(() => api.stop());

  it('hides the case from another district as if it did not exist (404)', async () => {
    const other = api.as(coordinator('d2'));
    const read = await other.get(`/v1/cases/${caseId}`);
    expect([read.status, read.body.code]).toEqual([404, 'case_not_found']);
    const write = await other.post(`/v1/cases/${caseId}/consent-offers`, {
      offeredOn: daysAgo(1),
      channel: 'phone',
    });
    expect([write.status, write.body.code]).toEqual([404, 'case_not_found']);
    const history = await other.get(`/v1/cases/${caseId}/history`);
    expect(history.status).toBe(404);
  });

  it('hides the case from an attendance team of another school (404) and shows it to the right one', async () => {
    const otherSchool = api.as({
      sub: 'team-2',
      role: 'attendance_team',
      districtId: 'd1',
      schoolIds: ['sch-2'],
    });
    expect((await otherSchool.get(`/v1/cases/${caseId}`)).status).toBe(404);
    const ownSchool = api.as({
      sub: 'team-1',
      role: 'attendance_team',
      districtId: 'd1',
      schoolIds: ['sch-1'],
    });
    const read = await ownSchool.get(`/v1/cases/${caseId}`);
    expect([read.status, read.body.pii.guardianName]).toEqual([200, 'Rosa Lopez']);
  });

  it('refuses visitor assignment to an attendance team (403)', async () => {
    const team = api.as({ sub: 'team-1', role: 'attendance_team', districtId: 'd1', schoolIds: ['sch-1'] });
    const response = await team.post(`/v1/cases/${caseId}/visitor-assignments`, {
      visitorIds: [anaId],
      assignedOn: daysAgo(1),
    });
    expect([response.status, response.body.code]).toEqual([403, 'role_not_allowed']);
  });

  it('shows a home visitor only the families assigned to them', async () => {
    const ana = api.as({ sub: 'ana', role: 'home_visitor', districtId: 'd1' });
    const ben = api.as({ sub: 'ben', role: 'home_visitor', districtId: 'd1' });
    expect((await ana.get(`/v1/cases/${caseId}`)).status).toBe(200);
    expect((await ben.get(`/v1/cases/${caseId}`)).status).toBe(404);
    const offer = await ben.post(`/v1/cases/${caseId}/consent-offers`, {
      offeredOn: daysAgo(1),
      channel: 'phone',
    });
    expect(offer.status).toBe(404);
  });

  it('removes a home visitor’s access when the assignment is replaced', async () => {
    const benId = await registerTrainedVisitor(coord, { name: 'Ben Ode', subject: 'ben' });
    const otherCase = (await coord.post('/v1/cases', identifyBody())).body.caseId;
    await coord.post(`/v1/cases/${otherCase}/visitor-assignments`, {
      visitorIds: [anaId],
      assignedOn: daysAgo(30),
    });
    await coord.post(`/v1/cases/${otherCase}/visitor-assignments`, {
      visitorIds: [benId],
      assignedOn: daysAgo(29),
    });
    expect(
      (await api.as({ sub: 'ana', role: 'home_visitor', districtId: 'd1' }).get(`/v1/cases/${otherCase}`))
        .status,
    ).toBe(404);
    expect(
      (await api.as({ sub: 'ben', role: 'home_visitor', districtId: 'd1' }).get(`/v1/cases/${otherCase}`))
        .status,
    ).toBe(200);
  });

  it('lets a home visitor void only entries they recorded', async () => {
    const ana = api.as({ sub: 'ana', role: 'home_visitor', districtId: 'd1' });
    const fresh = (await coord.post('/v1/cases', identifyBody())).body.caseId;
    await coord.post(`/v1/cases/${fresh}/visitor-assignments`, {
      visitorIds: [anaId],
      assignedOn: daysAgo(40),
    });
    await ana.post(`/v1/cases/${fresh}/consent-offers`, { offeredOn: daysAgo(39), channel: 'in_person' });
    await ana.post(`/v1/cases/${fresh}/consent-responses`, { respondedOn: daysAgo(39), decision: 'granted' });
    const own = (
      await ana.post(`/v1/cases/${fresh}/follow-up-calls`, { calledOn: daysAgo(30), outcome: 'voicemail' })
    ).body.callId;
    const coordsCall = (
      await coord.post(`/v1/cases/${fresh}/follow-up-calls`, { calledOn: daysAgo(30), outcome: 'reached' })
    ).body.callId;
    const refused = await ana.post(`/v1/cases/${fresh}/entries/${coordsCall}/void`, { reason: 'not mine' });
    expect([refused.status, refused.body.code]).toEqual([403, 'not_entry_author']);
    const voided = await ana.post(`/v1/cases/${fresh}/entries/${own}/void`, {
      reason: 'logged on the wrong family',
    });
    expect(voided.status).toBe(200);
    const calls = (await coord.get(`/v1/cases/${fresh}`)).body.followUpCalls;
    expect(calls.map((c: { callId: string }) => c.callId)).toEqual([coordsCall]);
  });

  it('shows a fidelity monitor the case without personal data, free text, real ids or login subjects', async () => {
    const body = identifyBody({ householdId: 'hh-park-7' });
    const family = (await coord.post('/v1/cases', body)).body.caseId;
    await coord.post(`/v1/cases/${family}/visitor-assignments`, {
      visitorIds: [anaId],
      assignedOn: daysAgo(50),
    });
    await coord.post(`/v1/cases/${family}/consent-offers`, { offeredOn: daysAgo(49), channel: 'phone' });
    await coord.post(`/v1/cases/${family}/consent-responses`, {
      respondedOn: daysAgo(48),
      decision: 'granted',
    });
    const ana = api.as({ sub: 'ana', role: 'home_visitor', districtId: 'd1' });
    const visit = await ana.post(`/v1/cases/${family}/visits`, {
      status: 'held',
      date: daysAgo(45),
      location: 'home',
      visitorIds: [anaId],
      strengths: ['Grandmother Rosa walks him to school'],
      pii: { notes: 'Father Mr. Park works nights' },
    });
    expect(visit.status).toBe(201);

    const monitor = api.as({ sub: 'fm', role: 'fidelity_monitor', districtId: 'd1' });
    const read = await monitor.get(`/v1/cases/${family}`);
    expect(read.status).toBe(200);
    expect(read.body.pii).toBeUndefined();
    expect(read.body.consent).toBe('granted');
    expect(read.body.visits[0]).toMatchObject({ number: 1, location: 'home', pair: false });
    expect(read.body.studentId).toMatch(/^stu_[0-9a-f]{20}$/);
    expect(read.body.householdId).toMatch(/^hh_[0-9a-f]{20}$/);
    const history = await monitor.get(`/v1/cases/${family}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toContain('VisitHeld.v2');
    for (const shown of [JSON.stringify(read.body), JSON.stringify(history.body)]) {
      for (const secret of [
        body.studentId,
        'hh-park-7',
        'Rosa',
        'Mr. Park',
        'Maya Lopez',
        '"ana"',
        'coord-d1',
      ]) {
        expect(shown).not.toContain(secret);
      }
    }
    // The same student keeps the same pseudonym across reads, so monitors can still link records.
    expect((await monitor.get(`/v1/cases/${family}`)).body.studentId).toBe(read.body.studentId);

    const declined = await monitor.get(`/v1/cases/${caseId}/history`);
    expect(JSON.stringify(declined.body)).not.toContain('wary of visits');
    expect(declined.body.events.map((e: { type: string }) => e.type)).toContain('ConsentDeclined.v2');
    const write = await monitor.post(`/v1/cases/${caseId}/consent-offers`, {
      offeredOn: daysAgo(1),
      channel: 'phone',
    });
    expect(write.status).toBe(403);
  });

  it('gives a state analyst no case reads (403)', async () => {
    const analyst = api.as({ sub: 'sa', role: 'state_analyst' });
    expect((await analyst.get(`/v1/cases/${caseId}`)).status).toBe(403);
  });

  it('refuses a body naming another district than the token (403)', async () => {
    const response = await coord.post('/v1/cases', identifyBody({ districtId: 'd2' }));
    expect([response.status, response.body.code]).toEqual([403, 'out_of_scope']);
    const visitor = await coord.post('/v1/visitors', registerVisitorBody({ districtId: 'd2' }));
    expect(visitor.status).toBe(403);
  });

  it('moves a transferred case to the new school’s scope', async () => {
    const moving = (await coord.post('/v1/cases', identifyBody({ schoolId: 'sch-1' }))).body.caseId;
    const transfer = await coord.post(`/v1/cases/${moving}/transfer`, {
      toSchoolId: 'sch-2',
      transferredOn: daysAgo(2),
    });
    expect(transfer.status).toBe(200);
    const oldTeam = api.as({
      sub: 'team-1',
      role: 'attendance_team',
      districtId: 'd1',
      schoolIds: ['sch-1'],
    });
    const newTeam = api.as({
      sub: 'team-2',
      role: 'attendance_team',
      districtId: 'd1',
      schoolIds: ['sch-2'],
    });
    expect((await oldTeam.get(`/v1/cases/${moving}`)).status).toBe(404);
    expect((await newTeam.get(`/v1/cases/${moving}`)).body.schoolId).toBe('sch-2');
  });
});
