import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, registerVisitorBody } from './support/journey-fixtures';

describe('when a coordinator walks one family through the whole LEAP journey', () => {
  let api: TestApi;
  let coord: Client;
  let caseId: string;
  let visitorIds: string[];
  let referralId: string;
  let partnerId: string;
  const positions: string[] = [];

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
  });
  afterAll(() => api.stop());

  const record = async (path: string, body: unknown, expected = 200) => {
    const response = await coord.post(`/v1/cases/${caseId}${path}`, body);
    expect({ path, status: response.status, body: response.body }).toEqual({
      path,
      status: expected,
      body: expect.objectContaining({ caseId }),
    });
    positions.push(response.body.position);
    return response.body;
  };

  it('registers a pair of trained home visitors', async () => {
    visitorIds = [];
    for (const name of ['Ana Ruiz', 'Ben Ode']) {
      const created = await coord.post(
        '/v1/visitors',
        registerVisitorBody({ name, subject: `login-${name.split(' ')[0]}` }),
      );
      expect(created.status).toBe(201);
      const trained = await coord.post(`/v1/visitors/${created.body.visitorId}/trainings`, {
        training: 'LEAP_101',
        completedOn: daysAgo(90),
      });
      expect(trained.status).toBe(201);
      visitorIds.push(created.body.visitorId);
    }
    const listed = await coord.get('/v1/visitors');
    expect(
      listed.body.visitors.map((v: { name: string; trainings: unknown[] }) => [v.name, v.trainings.length]),
    ).toEqual([
      ['Ana Ruiz', 1],
      ['Ben Ode', 1],
    ]);
  });

  it('lists the district’s community partners, home visitors included', async () => {
    const created = await coord.post('/v1/partners', {
      districtId: 'd1',
      name: 'City bus pass program',
      resourceTypes: ['transportation'],
      languages: ['en', 'es'],
      contact: { phone: '+1 860 555 0199', url: 'https://bus.example.org' },
    });
    expect(created.status).toBe(201);
    partnerId = created.body.partnerId;
    const listed = await api
      .as({ sub: 'login-Ana', role: 'home_visitor', districtId: 'd1' })
      .get('/v1/partners?resourceType=transportation');
    expect(listed.body.partners).toEqual([
      expect.objectContaining({ partnerId, name: 'City bus pass program', active: true }),
    ]);
  });

  it('identifies the student and records every step of the journey', async () => {
    const identified = await coord.post('/v1/cases', identifyBody());
    expect(identified.status).toBe(201);
    expect(identified.body).toEqual({
      caseId: expect.any(String),
      revision: 0,
      position: expect.any(String),
    });
    caseId = identified.body.caseId;

    await record('/visitor-assignments', { visitorIds, assignedOn: daysAgo(59) });
    await record('/consent-offers', { offeredOn: daysAgo(58), channel: 'phone' });
    await record('/consent-responses', { respondedOn: daysAgo(57), decision: 'granted' });
    const first = await record(
      '/visits',
      {
        status: 'held',
        date: daysAgo(50),
        location: 'home',
        visitorIds,
        barriers: ['transportation', 'health'],
        strengths: ['close-knit family'],
        aspirations: ['wants to be a nurse'],
        familyWantsToContinue: true,
        pii: { notes: 'Grandmother walks her to the bus' },
      },
      201,
    );
    expect(first.visitId).toEqual(expect.any(String));
    await record('/follow-up-calls', { calledOn: daysAgo(45), outcome: 'reached' }, 201);
    await record(
      '/visits',
      {
        status: 'held',
        visitNumber: 2,
        date: daysAgo(40),
        location: 'school',
        visitorIds,
        familyWantsToContinue: true,
      },
      201,
    );
    referralId = (
      await record(
        '/referrals',
        {
          referredOn: daysAgo(40),
          resourceType: 'transportation',
          partnerId,
          pii: { notes: 'Bus pass for the winter months' },
        },
        201,
      )
    ).referralId;
    await record(`/referrals/${referralId}/outcome`, { recordedOn: daysAgo(30), outcome: 'connected' });
    await record('/attendance-checks', { asOf: daysAgo(10), daysEnrolled: 60, daysAbsent: 5 }, 201);
    await record('/closure', { closedOn: daysAgo(5), reason: 'attendance_improved' });

    const revisions = new Set(positions);
    expect(revisions.size).toBe(positions.length);
  });

  it('shows the current state of the case', async () => {
    const response = await coord.get(`/v1/cases/${caseId}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      caseId,
      districtId: 'd1',
      schoolId: 'sch-1',
      status: 'closed',
      consent: 'granted',
      assignedVisitorIds: visitorIds,
      visitCount: 2,
      visits: [
        { number: 1, status: 'held', location: 'home', pair: true },
        { number: 2, status: 'held', location: 'school' },
      ],
      referrals: [
        {
          referralId,
          resourceType: 'transportation',
          partnerId,
          pii: { notes: 'Bus pass for the winter months' },
          outcome: 'connected',
        },
      ],
      baseline: { daysEnrolled: 20, daysAbsent: 4, tier: 'severe_chronic' },
      latestAttendance: { daysEnrolled: 60, daysAbsent: 5, tier: 'at_risk' },
      tier: 'at_risk',
      closure: { reason: 'attendance_improved' },
      pii: { guardianName: 'Rosa Lopez' },
      revision: 10,
    });
  });

  it('shows the complete audited history, who did what and when', async () => {
    const response = await coord.get(`/v1/cases/${caseId}/history`);
    expect(response.status).toBe(200);
    expect(response.body.events.map((e: { type: string }) => e.type)).toEqual([
      'StudentIdentified.v2',
      'VisitorsAssigned.v1',
      'ConsentOffered.v1',
      'ConsentGranted.v1',
      'VisitHeld.v2',
      'FollowUpCallMade.v1',
      'VisitHeld.v2',
      'ResourceReferred.v2',
      'ReferralOutcomeRecorded.v1',
      'AttendanceChecked.v1',
      'CaseClosed.v1',
    ]);
    const [first] = response.body.events;
    expect(first).toMatchObject({
      revision: 0,
      position: expect.any(String),
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      metadata: {
        actorId: 'coord-d1',
        actorRole: 'coordinator',
        districtId: 'd1',
        schoolId: 'sch-1',
        commandId: expect.any(String),
        correlationId: expect.any(String),
        causationId: expect.any(String),
      },
    });
    expect(response.body.state).toMatchObject({ status: 'closed', visitCount: 2 });
  });

  it('answers the history as the system knew it at an earlier instant', async () => {
    const history = (await coord.get(`/v1/cases/${caseId}/history`)).body.events;
    const asOf = history[3].recordedAt;
    const earlier = await coord.get(`/v1/cases/${caseId}/history?asOf=${encodeURIComponent(asOf)}`);
    expect(earlier.status).toBe(200);
    const known = history.filter((e: { recordedAt: string }) => e.recordedAt <= asOf).length;
    expect(earlier.body.events).toHaveLength(known);
    expect(earlier.body.state.status).toBe(known >= 11 ? 'closed' : 'open');
  });

  it('records who read the case', async () => {
    const log = await coord.get(`/v1/cases/${caseId}/access-log`);
    expect(log.status).toBe(200);
    expect(
      log.body.accesses.map((a: { route: string; actorId: string }) => `${a.actorId} ${a.route}`),
    ).toEqual(
      expect.arrayContaining(['coord-d1 GET /v1/cases/:caseId', 'coord-d1 GET /v1/cases/:caseId/history']),
    );
  });

  it('accepts only a reopening once the case is closed', async () => {
    const refused = await coord.post(`/v1/cases/${caseId}/follow-up-calls`, {
      calledOn: daysAgo(1),
      outcome: 'reached',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('case_closed');
    const reopened = await coord.post(`/v1/cases/${caseId}/reopening`, {
      reopenedOn: daysAgo(1),
      reason: 'Absences rose again',
    });
    expect(reopened.status).toBe(200);
    expect((await coord.get(`/v1/cases/${caseId}`)).body.status).toBe('open');
  });
});
