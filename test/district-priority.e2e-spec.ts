import { TestApi, coordinator, type Client } from './support/harness';
import { ImportedData } from './support/imported-data';

jest.setTimeout(60_000);

const profile = (
  districtId: string,
  enrollment: number,
  attendanceRate: number,
  freeReducedLunchShare: number,
  englishLearnerShare: number,
  remoteLearningShare: number,
) => ({
  districtId,
  name: `District ${districtId}`,
  regionId: 'CREC',
  enrollment,
  attendanceRate,
  freeReducedLunchShare,
  englishLearnerShare,
  remoteLearningShare,
});

describe('when the state ranks districts by need', () => {
  let api: TestApi;
  let analyst: Client;
  let stateAdmin: Client;

  const ranking = async (query = '') => {
    const response = await analyst.get(`/v1/districts/priority${query}`);
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body as {
      districts: Array<{ districtId: string; rank: number; needIndex: number; [field: string]: unknown }>;
      weights: Record<string, number>;
      weightsSource: string;
    };
  };
  const order = async (query = '') =>
    (await ranking(query)).districts.map((district) => [district.districtId, district.needIndex]);
  const saveWeights = (client: Client, weights: Record<string, unknown>) =>
    client.send<any>('PUT', '/v1/districts/priority/weights', { weights }, {});

  beforeAll(async () => {
    api = await TestApi.start({ registry: 'empty' });
    analyst = api.as({ sub: 'analyst', role: 'state_analyst' });
    stateAdmin = api.as({ sub: 'state-admin', role: 'admin' });
    const data = ImportedData.open(api);
    try {
      // p1's first profile is superseded by its second: the latest profile of each district counts.
      await data.profile(profile('p1', 500, 80, 90, 90, 90));
      await data.profile(profile('p1', 1000, 90, 50, 10, 0));
      await data.profile(profile('p2', 3000, 95, 20, 30, 10));
      await data.profile(profile('p3', 2000, 85, 80, 20, 5));
    } finally {
      await data.close();
    }
  });
  afterAll(() => api.stop());

  it('ranks by the weighted mean of min-max normalised factors, equal weights by default', async () => {
    const body = await ranking();
    expect(body.weightsSource).toBe('default');
    expect(body.weights).toEqual({
      enrollment: 1,
      attendanceRate: 1,
      freeReducedLunchShare: 1,
      englishLearnerShare: 1,
      remoteLearningShare: 1,
    });
    expect(body.districts.map((d) => [d.rank, d.districtId, d.needIndex])).toEqual([
      [1, 'p3', 0.7],
      [2, 'p2', 0.6],
      [3, 'p1', 0.2],
    ]);
    expect(body.districts[2]).toMatchObject({
      name: 'District p1',
      regionId: 'CREC',
      figures: { enrollment: 1000, attendanceRate: 90, freeReducedLunchShare: 50 },
      normalised: {
        enrollment: 0,
        attendanceRate: 0.5,
        freeReducedLunchShare: 0.5,
        englishLearnerShare: 0,
        remoteLearningShare: 0,
      },
    });
  });

  it('adjusts the weights per request', async () => {
    const body = await ranking(
      '?weights=attendanceRate:4,englishLearnerShare:0,remoteLearningShare:0,enrollment:0',
    );
    expect(body.weightsSource).toBe('request');
    expect(body.weights).toMatchObject({ attendanceRate: 4, freeReducedLunchShare: 1, enrollment: 0 });
    expect(body.districts.map((d) => [d.districtId, d.needIndex])).toEqual([
      ['p3', 1],
      ['p1', 0.5],
      ['p2', 0],
    ]);
  });

  it('refuses wrong weights with their paths', async () => {
    for (const [query, path] of [
      ['enrollment:-1', 'weights.enrollment'],
      ['bogus:1', 'weights.bogus'],
      ['enrollment', 'weights'],
      [
        'enrollment:0,attendanceRate:0,freeReducedLunchShare:0,englishLearnerShare:0,remoteLearningShare:0',
        'weights',
      ],
    ]) {
      const response = await analyst.get(`/v1/districts/priority?weights=${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path })]);
    }
  });

  it('saves the state’s default weights, which later rankings use', async () => {
    const weights = {
      enrollment: 0,
      attendanceRate: 0,
      freeReducedLunchShare: 1,
      englishLearnerShare: 0,
      remoteLearningShare: 0,
    };
    const saved = await saveWeights(stateAdmin, weights);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ weights, revision: 0 });
    const again = await saveWeights(stateAdmin, weights);
    expect(again.body.revision).toBe(0); // the same weights again record nothing
    const body = await ranking();
    expect(body.weightsSource).toBe('saved');
    expect(body.districts.map((d) => [d.districtId, d.needIndex])).toEqual([
      ['p3', 1],
      ['p1', 0.5],
      ['p2', 0],
    ]);
    // A request's weights apply over the saved ones.
    expect(await order('?weights=enrollment:1')).toEqual([
      ['p3', 0.75],
      ['p2', 0.5],
      ['p1', 0.25],
    ]);
  });

  it('refuses invalid weights to save, with their paths', async () => {
    const negative = await saveWeights(stateAdmin, {
      enrollment: -1,
      attendanceRate: 1,
      freeReducedLunchShare: 1,
      englishLearnerShare: 1,
      remoteLearningShare: 'x',
    });
    expect(negative.status).toBe(400);
    expect(negative.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'weights.enrollment',
      'weights.remoteLearningShare',
    ]);
    const zero = await saveWeights(stateAdmin, {
      enrollment: 0,
      attendanceRate: 0,
      freeReducedLunchShare: 0,
      englishLearnerShare: 0,
      remoteLearningShare: 0,
    });
    expect(zero.status).toBe(400);
    expect(zero.body.errors).toEqual([expect.objectContaining({ path: 'weights' })]);
  });

  it('is for state-wide roles only', async () => {
    for (const claims of [coordinator('d1'), { sub: 'da', role: 'admin' as const, districtId: 'd1' }]) {
      const refused = await api.as(claims).get('/v1/districts/priority');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('role_not_allowed');
    }
    const weights = {
      enrollment: 1,
      attendanceRate: 1,
      freeReducedLunchShare: 1,
      englishLearnerShare: 1,
      remoteLearningShare: 1,
    };
    expect((await saveWeights(analyst, weights)).status).toBe(403);
    expect((await saveWeights(api.as(coordinator('d1')), weights)).status).toBe(403);
  });
});
