import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';

/** Every error class answers application/problem+json with a stable code, and appends nothing. */
describe('when requests are wrong', () => {
  let api: TestApi;
  let coord: Client;
  let caseId: string;

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId;
  });
  afterAll(() => api.stop());

  const revision = async () => (await coord.get(`/v1/cases/${caseId}`)).body.revision;

  it('lists every invalid field with its path and reason (400)', async () => {
    const response = await coord.post('/v1/cases', {
      ...identifyBody(),
      grade: '13',
      identifiedOn: '2026-02-30',
      baseline: { asOf: daysAgo(1), daysEnrolled: 10, daysAbsent: 11 },
      targetingApproach: 'everyone',
      favouriteColour: 'blue',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('validation_failed');
    const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual([
      'baseline.daysAbsent',
      'favouriteColour',
      'grade',
      'identifiedOn',
      'targetingApproach',
    ]);
    expect(response.body.errors.every((e: { reason: string }) => e.reason.length > 0)).toBe(true);
  });

  it('refuses a business date after today in the district time zone (400)', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const response = await coord.post(`/v1/cases/${caseId}/consent-offers`, {
      offeredOn: tomorrow,
      channel: 'phone',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'offeredOn', reason: expect.stringContaining('after today') },
    ]);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const malformed = await coord.post('/v1/cases', '{"studentId":');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'malformed_json']);
    const huge = await coord.post('/v1/cases', { ...identifyBody(), pii: { address: 'x'.repeat(200_000) } });
    expect([huge.status, huge.body.code]).toEqual([413, 'payload_too_large']);
  });

  it('answers 401 without a valid token', async () => {
    const anonymous = await api.anonymous().get(`/v1/cases/${caseId}`);
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'unauthenticated']);
    const forged = await api.anonymous().get(`/v1/cases/${caseId}`, { authorization: 'Bearer not.a.jwt' });
    expect(forged.status).toBe(401);
  });

  it('answers 404 for an unknown case and an unknown referral', async () => {
    const unknownCase = await coord.post('/v1/cases/no-such-case/consent-offers', {
      offeredOn: daysAgo(1),
      channel: 'phone',
    });
    expect([unknownCase.status, unknownCase.body.code]).toEqual([404, 'case_not_found']);
    const unknownReferral = await coord.post(`/v1/cases/${caseId}/referrals/nope/outcome`, {
      recordedOn: daysAgo(1),
      outcome: 'connected',
    });
    expect([unknownReferral.status, unknownReferral.body.code]).toEqual([404, 'referral_not_found']);
  });

  it('answers 409 with a stable code when the case does not allow it, and appends nothing', async () => {
    const before = await revision();
    const visit = await coord.post(`/v1/cases/${caseId}/visits`, {
      status: 'held',
      date: daysAgo(1),
      location: 'home',
      visitorIds: ['v1'],
    });
    expect([visit.status, visit.body.code]).toEqual([409, 'consent_required']);
    const early = await coord.post(`/v1/cases/${caseId}/consent-offers`, {
      offeredOn: daysAgo(400),
      channel: 'phone',
    });
    expect([early.status, early.body.code]).toEqual([409, 'date_before_identification']);
    expect(await revision()).toBe(before);
  });

  it('answers 409 visit_out_of_order when a stated visit number is not the next one', async () => {
    await coord.post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(20), channel: 'letter' });
    await coord.post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(19),
      decision: 'granted',
    });
    const response = await coord.post(`/v1/cases/${caseId}/visits`, {
      status: 'held',
      visitNumber: 2,
      date: daysAgo(10),
      location: 'home',
      visitorIds: ['v1'],
    });
    expect([response.status, response.body.code]).toEqual([409, 'visit_out_of_order']);
  });

  it('answers 412 revision_conflict when If-Match is stale, without retrying', async () => {
    const read = await coord.get(`/v1/cases/${caseId}`);
    const current = read.body.revision;
    expect(read.headers.get('etag')).toBe(`"${current}"`);
    const stale = await coord.post(
      `/v1/cases/${caseId}/attendance-checks`,
      { asOf: daysAgo(5), daysEnrolled: 30, daysAbsent: 2 },
      { 'if-match': String(current - 1) },
    );
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'revision_conflict', currentRevision: current });
    const fresh = await coord.post(
      `/v1/cases/${caseId}/attendance-checks`,
      { asOf: daysAgo(5), daysEnrolled: 30, daysAbsent: 2 },
      { 'if-match': `"${current}"` },
    );
    expect(fresh.status).toBe(201);
    expect(fresh.body.revision).toBe(current + 1);
  });

  it('answers 404 for unknown routes, never 500', async () => {
    const response = await coord.get('/v1/nothing-here');
    expect([response.status, response.body.code]).toEqual([404, 'route_not_found']);
  });
});
