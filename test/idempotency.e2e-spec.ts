import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, registerTrainedVisitor } from './support/journey-fixtures';

describe('when a client retries with an Idempotency-Key', () => {
  let api: TestApi;
  let coord: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
  });
  afterAll(() => api.stop());

  it('returns the first answer for the same key and body and appends nothing, even after other commands', async () => {
    const body = identifyBody();
    const first = await coord.post('/v1/cases', body, { 'idempotency-key': 'identify-1' });
    expect(first.status).toBe(201);
    const caseId = first.body.caseId;
    await coord.post(
      `/v1/cases/${caseId}/consent-offers`,
      { offeredOn: daysAgo(30), channel: 'phone' },
      { 'idempotency-key': 'offer-1' },
    );
    await coord.post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(29),
      decision: 'granted',
    });

    const retried = await coord.post('/v1/cases', body, { 'idempotency-key': 'identify-1' });
    expect([retried.status, retried.body]).toEqual([201, first.body]);
    const offerAgain = await coord.post(
      `/v1/cases/${caseId}/consent-offers`,
      { offeredOn: daysAgo(30), channel: 'phone' },
      { 'idempotency-key': 'offer-1' },
    );
    expect(offerAgain.status).toBe(200);
    expect(offerAgain.body.revision).toBe(1);

    const history = await coord.get(`/v1/cases/${caseId}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'StudentIdentified.v2',
      'ConsentOffered.v1',
      'ConsentGranted.v1',
    ]);
  });

  it('returns the same created ids on a retried visit', async () => {
    const caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId;
    await coord.post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(30), channel: 'phone' });
    await coord.post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(29),
      decision: 'granted',
    });
    const visitorIds = [
      await registerTrainedVisitor(coord, { name: 'Ana Ruiz' }),
      await registerTrainedVisitor(coord, { name: 'Ben Ode' }),
    ];
    const visit = { status: 'held', date: daysAgo(20), location: 'home', visitorIds };
    const [a, b] = await Promise.all([
      coord.post(`/v1/cases/${caseId}/visits`, visit, { 'idempotency-key': 'visit-1' }),
      coord.post(`/v1/cases/${caseId}/visits`, visit, { 'idempotency-key': 'visit-1' }),
    ]);
    expect(a.body).toEqual(b.body);
    expect((await coord.get(`/v1/cases/${caseId}`)).body.visitCount).toBe(1);
  });

  it('refuses the same key with a different body (422) and appends nothing', async () => {
    const body = identifyBody();
    await coord.post('/v1/cases', body, { 'idempotency-key': 'identify-2' });
    const head = await api.storeHead();
    const reused = await coord.post(
      '/v1/cases',
      { ...body, grade: '8' },
      { 'idempotency-key': 'identify-2' },
    );
    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect(await api.storeHead()).toBe(head);
  });

  it('refuses the same key and body sent to another endpoint (422) rather than replaying the first answer', async () => {
    const caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId;
    const check = { asOf: daysAgo(3), daysEnrolled: 30, daysAbsent: 1 };
    const first = (await coord.post(`/v1/cases/${caseId}/attendance-checks`, check)).body.checkId;
    const second = (await coord.post(`/v1/cases/${caseId}/attendance-checks`, check)).body.checkId;
    const reason = { reason: 'entered twice' };
    const voided = await coord.post(`/v1/cases/${caseId}/entries/${first}/void`, reason, {
      'idempotency-key': 'void-1',
    });
    expect(voided.status).toBe(200);
    const head = await api.storeHead();
    const other = await coord.post(`/v1/cases/${caseId}/entries/${second}/void`, reason, {
      'idempotency-key': 'void-1',
    });
    expect([other.status, other.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect(await api.storeHead()).toBe(head);
    const checks = (await coord.get(`/v1/cases/${caseId}`)).body.attendanceChecks;
    expect(checks.map((c: { checkId: string }) => c.checkId)).toEqual([second]);
  });

  it('never answers one user with another user’s command for the same key', async () => {
    const caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId;
    const colleague = api.as({ sub: 'coord-2', role: 'coordinator', districtId: 'd1' });
    const mine = await coord.post(
      `/v1/cases/${caseId}/attendance-checks`,
      { asOf: daysAgo(3), daysEnrolled: 30, daysAbsent: 1 },
      { 'idempotency-key': 'check' },
    );
    const theirs = await colleague.post(
      `/v1/cases/${caseId}/attendance-checks`,
      { asOf: daysAgo(2), daysEnrolled: 31, daysAbsent: 1 },
      { 'idempotency-key': 'check' },
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body.checkId).not.toBe(mine.body.checkId);
    const checks = (await coord.get(`/v1/cases/${caseId}`)).body.attendanceChecks;
    expect(checks.map((c: { daysEnrolled: number }) => c.daysEnrolled)).toEqual([30, 31]);
  });

  it('keeps keys of logins with the same subject in different districts apart', async () => {
    const inD1 = api.as({ sub: 'coord-x', role: 'coordinator', districtId: 'd1' });
    const inD2 = api.as({ sub: 'coord-x', role: 'coordinator', districtId: 'd2' });
    const visitor = (districtId: string) => ({
      name: 'Ana Ruiz',
      role: 'family_liaison',
      organization: { type: 'school', name: 'Lincoln Middle' },
      districtId,
    });
    const first = await inD1.post('/v1/visitors', visitor('d1'), { 'idempotency-key': 'register-ana' });
    const second = await inD2.post('/v1/visitors', visitor('d2'), { 'idempotency-key': 'register-ana' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.visitorId).not.toBe(first.body.visitorId);
  });

  it('deduplicates nothing without a key', async () => {
    const caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId;
    const check = { asOf: daysAgo(3), daysEnrolled: 30, daysAbsent: 1 };
    await coord.post(`/v1/cases/${caseId}/attendance-checks`, check);
    await coord.post(`/v1/cases/${caseId}/attendance-checks`, check);
    expect((await coord.get(`/v1/cases/${caseId}`)).body.attendanceChecks).toHaveLength(2);
  });
});
