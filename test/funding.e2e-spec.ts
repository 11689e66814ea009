import { schoolYearOf } from '@leap/domain';
import { STATE_ADMIN, TestApi, coordinator, type Client } from './support/harness';
import { ImportedData } from './support/imported-data';
import { daysAgo, identifyBody, registerTrainedVisitor } from './support/journey-fixtures';

jest.setTimeout(90_000);

const profile = (districtId: string, enrollment: number, attendanceRate: number) => ({
  districtId,
  name: `District ${districtId}`,
  regionId: 'CREC',
  enrollment,
  attendanceRate,
  freeReducedLunchShare: 50,
  englishLearnerShare: 10,
  remoteLearningShare: 5,
});

/** The school year the districts report spending for. */
const YEAR = schoolYearOf(daysAgo(0));

describe('when districts report spending and the state allocates funding', () => {
  let api: TestApi;
  let coord: Client;
  let analyst: Client;
  let stateAdmin: Client;

  const report = (client: Client, districtId: string, body: unknown, headers: Record<string, string> = {}) =>
    client.post(`/v1/districts/${districtId}/expenditures`, body, headers);
  const preview = (client: Client, body: unknown) => client.post('/v1/allocations/preview', body);

  async function consentingCase(overrides: Record<string, unknown> = {}): Promise<string> {
    const caseId = (await coord.post('/v1/cases', identifyBody(overrides))).body.caseId;
    await coord.post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(55), channel: 'phone' });
    await coord.post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(54),
      decision: 'granted',
    });
    return caseId;
  }

  async function held(caseId: string, visitor: string, date: string, householdVisitId?: string) {
    const response = await coord.post(`/v1/cases/${caseId}/visits`, {
      status: 'held',
      date,
      location: 'home',
      visitorIds: [visitor],
      ...(householdVisitId ? { householdVisitId } : {}),
    });
    if (response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body.visitId as string;
  }

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator('d1'));
    analyst = api.as({ sub: 'analyst', role: 'state_analyst' });
    stateAdmin = api.as(STATE_ADMIN);
    const data = ImportedData.open(api);
    try {
      await data.profile(profile('d1', 1000, 90));
      await data.profile(profile('d2', 3000, 95));
      await data.profile(profile('d3', 2000, 85));
      // A district the state profiles but that is not registered: it can be funded all the same.
      await data.profile(profile('d9', 4000, 92));
    } finally {
      await data.close();
    }
    // d1 holds 4 visits: two on one family, one household visit to two siblings (counted once), and
    // a fifth that is voided.
    const visitor = await registerTrainedVisitor(coord);
    const family = await consentingCase();
    await held(family, visitor, daysAgo(30));
    const voided = await held(family, visitor, daysAgo(25));
    await held(family, visitor, daysAgo(20));
    const voiding = await coord.post(`/v1/cases/${family}/entries/${voided}/void`, {
      reason: 'Wrong family',
    });
    expect(voiding.status).toBe(200);
    const older = await consentingCase({ householdId: 'hh-1', grade: '9' });
    const younger = await consentingCase({ householdId: 'hh-1', grade: '3' });
    await held(older, visitor, daysAgo(10), 'hv-1');
    await held(younger, visitor, daysAgo(10), 'hv-1');
    const other = await consentingCase();
    await held(other, visitor, daysAgo(5));
  });
  afterAll(() => api.stop());

  describe('when a district reports what it spent', () => {
    it('records the figure of a period, records nothing for the same figure again, and takes corrections', async () => {
      const first = await report(coord, 'd1', { schoolYear: YEAR, quarter: 1, amount: 100_000 });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        recorded: { districtId: 'd1', schoolYear: YEAR, quarter: 1, category: null, amount: 100_000 },
        revision: 0,
      });
      const again = await report(coord, 'd1', { schoolYear: YEAR, quarter: 1, amount: 100_000 });
      expect(again.body.revision).toBe(0);
      const corrected = await report(coord, 'd1', { schoolYear: YEAR, quarter: 1, amount: 120_000 });
      expect(corrected.body).toMatchObject({ recorded: { amount: 120_000 }, revision: 1 });
      await report(coord, 'd1', { schoolYear: YEAR, quarter: 2, category: 'training', amount: 30_000 });
      const listed = await coord.get('/v1/districts/d1/expenditures');
      expect(listed.status).toBe(200);
      expect(listed.body.total).toBe(150_000);
      expect(
        listed.body.reports.map((r: { quarter: number; category: string | null }) => [r.quarter, r.category]),
      ).toEqual([
        [1, null],
        [2, 'training'],
      ]);
    });

    it('answers a retry with the same Idempotency-Key with the first answer and appends nothing', async () => {
      const body = { schoolYear: YEAR, quarter: 3, amount: 5_000 };
      const headers = { 'Idempotency-Key': 'funding-retry-1' };
      const first = await report(coord, 'd1', body, headers);
      const head = await api.storeHead();
      const retry = await report(coord, 'd1', body, headers);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await api.storeHead()).toBe(head);
      const reused = await report(coord, 'd1', { ...body, amount: 6_000 }, headers);
      expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
    });

    it('is for the district’s own district-wide coordinators and admins, and hides other districts', async () => {
      const body = { schoolYear: YEAR, quarter: 1, amount: 1 };
      const otherCoordinator = await report(api.as(coordinator('d2')), 'd1', body);
      const missing = await report(stateAdmin, 'nowhere', body);
      // Another district's answers exactly like one that does not exist.
      for (const response of [otherCoordinator, missing])
        expect([response.status, response.body.code]).toEqual([404, 'district_not_found']);
      expect((await api.as(coordinator('d2')).get('/v1/districts/d1/expenditures')).status).toBe(404);
      const school = api.as({ sub: 'sc', role: 'coordinator', districtId: 'd1', schoolIds: ['sch-1'] });
      expect((await report(school, 'd1', body)).body.code).toBe('out_of_scope');
      for (const claims of [
        { sub: 'hv', role: 'home_visitor' as const, districtId: 'd1' },
        { sub: 'fm', role: 'fidelity_monitor' as const, districtId: 'd1' },
        { sub: 'analyst', role: 'state_analyst' as const },
      ]) {
        const refused = await report(api.as(claims), 'd1', body);
        expect([refused.status, refused.body.code]).toEqual([403, 'role_not_allowed']);
      }
      const districtAdmin = api.as({ sub: 'da', role: 'admin', districtId: 'd2' });
      expect(
        (await report(districtAdmin, 'd2', { schoolYear: YEAR, quarter: 1, amount: 400_000 })).status,
      ).toBe(201);
      expect((await report(stateAdmin, 'd3', { schoolYear: YEAR, quarter: 4, amount: 50_000 })).status).toBe(
        201,
      );
    });

    it('refuses bad figures with every bad field’s path, and any field that is not coded', async () => {
      const response = await report(coord, 'd1', {
        schoolYear: '2025',
        quarter: 5,
        category: 'parties',
        amount: 10.5,
        note: 'bought snacks',
      });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        'amount',
        'category',
        'note',
        'quarter',
        'schoolYear',
      ]);
      const negative = await report(coord, 'd1', { schoolYear: YEAR, quarter: 1, amount: -1 });
      expect(negative.body.errors).toEqual([expect.objectContaining({ path: 'amount' })]);
    });
  });

  describe('when the state previews an allocation', () => {
    // Without a performance year: funds and visits recorded to date count.
    const request = { total: 2_000_001, minimum: 200_000, maximum: 800_000 };

    it('shares the total exactly, in whole dollars within the bounds, with every factor shown', async () => {
      const response = await preview(analyst, request);
      expect(response.status).toBe(200);
      const districts = response.body.districts as Array<{
        districtId: string;
        amount: number;
        factors: Record<string, { value: number; share: number }>;
      }>;
      expect(districts.map((d) => d.districtId)).toEqual(['d1', 'd2', 'd3', 'd9']);
      expect(districts.reduce((sum, d) => sum + d.amount, 0)).toBe(2_000_001);
      for (const district of districts) {
        expect(Number.isInteger(district.amount)).toBe(true);
        expect(district.amount).toBeGreaterThanOrEqual(200_000);
        expect(district.amount).toBeLessThanOrEqual(800_000);
      }
      const byId = Object.fromEntries(districts.map((d) => [d.districtId, d]));
      expect(byId.d1!.factors).toMatchObject({
        enrollment: { value: 1000, share: 0.1 },
        fundsSpent: { value: 155_000 },
        visitsHeld: { value: 4, share: 1 },
      });
      expect(byId.d2!.factors.fundsSpent!.value).toBe(400_000);
      expect(byId.d9!.factors).toMatchObject({ fundsSpent: { value: 0 }, visitsHeld: { value: 0 } });
      // The need index is the district priority's, as GET /v1/districts/priority shows it.
      const priority = (await analyst.get('/v1/districts/priority')).body.districts as Array<{
        districtId: string;
        needIndex: number;
      }>;
      for (const { districtId, needIndex } of priority)
        expect(byId[districtId]!.factors.needIndex!.value).toBe(needIndex);
      expect(response.body).toMatchObject({
        total: 2_000_001,
        weights: { enrollment: 1, needIndex: 1, fundsSpent: 1, visitsHeld: 1 },
        performanceSchoolYear: null,
      });
    });

    it('funds only the districts named, and weighs the factors as asked', async () => {
      const response = await preview(analyst, {
        ...request,
        total: 1_000_000,
        districtIds: ['d3', 'd1'],
        weights: { enrollment: 1, needIndex: 0, fundsSpent: 0, visitsHeld: 0 },
      });
      expect(response.status).toBe(200);
      // 600,000 above the minimums, shared 1000:2000 by enrollment.
      expect(
        response.body.districts.map((d: { districtId: string; amount: number }) => [d.districtId, d.amount]),
      ).toEqual([
        ['d1', 400_000],
        ['d3', 600_000],
      ]);
    });

    it('counts funds and visits of the performance year only, when one is named', async () => {
      const other = await preview(analyst, { ...request, performanceSchoolYear: '2019-20' });
      for (const district of other.body.districts)
        expect([district.factors.fundsSpent.value, district.factors.visitsHeld.value]).toEqual([0, 0]);
      const reported = await preview(analyst, { ...request, performanceSchoolYear: YEAR });
      expect(reported.body.districts[0].factors.fundsSpent.value).toBe(155_000);
    });

    it('answers 422 allocation_infeasible when the bounds cannot hold the total', async () => {
      const tooLittle = await preview(analyst, { ...request, total: 799_999 });
      const tooMuch = await preview(analyst, { ...request, total: 3_200_001 });
      for (const response of [tooLittle, tooMuch]) {
        expect(response.status).toBe(422);
        expect(response.body.code).toBe('allocation_infeasible');
      }
      expect((await preview(analyst, { ...request, total: 3_200_000 })).status).toBe(200);
    });

    it('refuses bad requests with every bad field’s path', async () => {
      const fields = await preview(analyst, {
        total: 1.5,
        minimum: -1,
        maximum: 'x',
        weights: { enrollment: 1 },
      });
      expect(fields.status).toBe(400);
      expect(fields.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        'maximum',
        'minimum',
        'total',
        'weights.fundsSpent',
        'weights.needIndex',
        'weights.visitsHeld',
      ]);
      const crossed = await preview(analyst, {
        ...request,
        minimum: 500_000,
        maximum: 400_000,
        weights: { enrollment: 0, needIndex: 0, fundsSpent: 0, visitsHeld: 0 },
      });
      expect(crossed.body.errors.map((e: { path: string }) => e.path)).toEqual(['maximum', 'weights']);
      const unknown = await preview(analyst, { ...request, districtIds: ['d1', 'nowhere'] });
      expect([unknown.status, unknown.body.errors]).toEqual([
        400,
        [expect.objectContaining({ path: 'districtIds.1' })],
      ]);
      const twice = await preview(analyst, { ...request, districtIds: ['d1', 'd1'] });
      expect(twice.body.errors).toEqual([expect.objectContaining({ path: 'districtIds' })]);
    });

    it('is for state-wide admins and analysts only', async () => {
      for (const claims of [coordinator('d1'), { sub: 'da', role: 'admin' as const, districtId: 'd1' }]) {
        const refused = await preview(api.as(claims), request);
        expect([refused.status, refused.body.code]).toEqual([403, 'role_not_allowed']);
      }
      expect((await preview(stateAdmin, request)).status).toBe(200);
    });
  });

  describe('when the state saves an allocation', () => {
    const request = { total: 2_400_000, minimum: 200_000, maximum: 800_000 };

    it('records inputs and awards, served again exactly as saved', async () => {
      const previewed = await preview(stateAdmin, request);
      const saved = await stateAdmin.post('/v1/allocations', request);
      expect(saved.status).toBe(201);
      expect(saved.body).toMatchObject({
        revision: 0,
        total: 2_400_000,
        districts: previewed.body.districts,
      });
      const { allocationId } = saved.body;
      const read = await analyst.get(`/v1/allocations/${allocationId}`);
      expect(read.status).toBe(200);
      const { revision: _revision, position: _position, ...view } = saved.body;
      expect(read.body).toEqual(view);
      const listed = await analyst.get('/v1/allocations');
      expect(listed.body.allocations[0]).toEqual({
        allocationId,
        savedAt: saved.body.savedAt,
        total: 2_400_000,
        minimum: 200_000,
        maximum: 800_000,
        districtCount: 4,
        performanceSchoolYear: null,
      });
      // Later reports change previews, never a saved allocation.
      await report(coord, 'd1', { schoolYear: YEAR, quarter: 4, amount: 300_000 });
      expect((await analyst.get(`/v1/allocations/${allocationId}`)).body).toEqual(view);
    });

    it('answers a retry with the same Idempotency-Key with the same allocation', async () => {
      const headers = { 'Idempotency-Key': 'allocation-retry-1' };
      const first = await stateAdmin.post('/v1/allocations', request, headers);
      const head = await api.storeHead();
      const retry = await stateAdmin.post('/v1/allocations', request, headers);
      expect(retry.body).toEqual(first.body);
      expect(await api.storeHead()).toBe(head);
    });

    it('is saved by state-wide admins only, read by them and analysts, and unknown ids are 404', async () => {
      const byAnalyst = await analyst.post('/v1/allocations', request);
      expect([byAnalyst.status, byAnalyst.body.code]).toEqual([403, 'role_not_allowed']);
      const infeasible = await stateAdmin.post('/v1/allocations', { ...request, total: 100 });
      expect([infeasible.status, infeasible.body.code]).toEqual([422, 'allocation_infeasible']);
      const saved = (await stateAdmin.post('/v1/allocations', request)).body.allocationId;
      expect((await coord.get(`/v1/allocations/${saved}`)).status).toBe(403);
      expect((await coord.get('/v1/allocations')).status).toBe(403);
      for (const id of ['00000000-0000-5000-8000-000000000000', 'not-an-id']) {
        const missing = await analyst.get(`/v1/allocations/${id}`);
        expect([missing.status, missing.body.code]).toEqual([404, 'allocation_not_found']);
      }
    });
  });
});
