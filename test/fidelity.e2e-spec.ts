import { localDate, districtTimeZone } from '@leap/http';
import { mintEmbeddedToken } from '@leap/auth';
import {
  STATE_ADMIN,
  TEST_SECRET,
  TestApi,
  coordinator,
  withDistricts,
  type Client,
} from './support/harness';
import { daysAgo, identifyBody, registerTrainedVisitor } from './support/journey-fixtures';

jest.setTimeout(60_000);

const D = 'd-fid';
const monitor = { sub: 'fid-fm', role: 'fidelity_monitor', districtId: D } as const;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /v1/fidelity', () => {
  let api: TestApi;
  let coord: Client;
  let fm: Client;
  let position: string;
  /** Recorded before the late visit was: the system did not know it then. */
  let beforeLateVisit: string;

  async function post(path: string, body: unknown) {
    const response = await coord.post(path, body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    position = response.body.position ?? position;
    return response.body;
  }

  beforeAll(async () => {
    api = await TestApi.start({ registry: withDistricts(D) });
    coord = api.as(coordinator(D));
    fm = api.as(monitor);
    const v1 = await registerTrainedVisitor(coord, { districtId: D, name: 'Ana Ruiz' });
    const v2 = await registerTrainedVisitor(coord, {
      districtId: D,
      name: 'Ben Ode',
      organization: { type: 'community', name: 'Partner' },
    });
    const consenting = async (schoolId: string, householdId: string) => {
      const { caseId } = await post('/v1/cases', identifyBody({ districtId: D, schoolId, householdId }));
      await post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(55), channel: 'phone' });
      await post(`/v1/cases/${caseId}/consent-responses`, { respondedOn: daysAgo(54), decision: 'granted' });
      return caseId as string;
    };
    const older = await consenting('sch-1', 'hh-f1');
    const younger = await consenting('sch-2', 'hh-f1');
    await post('/v1/cases', identifyBody({ districtId: D, schoolId: 'sch-1' }));
    const household = {
      status: 'held',
      date: daysAgo(40),
      location: 'home',
      visitorIds: [v1, v2],
      householdVisitId: 'hv-f1',
      barriers: ['transportation'],
    };
    await post(`/v1/cases/${older}/visits`, household);
    await post(`/v1/cases/${younger}/visits`, household);
    await pause(20);
    beforeLateVisit = new Date().toISOString();
    await pause(20);
    // Held 35 days ago, recorded only now.
    await post(`/v1/cases/${older}/visits`, {
      status: 'held',
      date: daysAgo(35),
      location: 'phone',
      visitorIds: [v1],
    });
  });
  afterAll(() => api.stop());

  const get = (client: Client, query: string) =>
    client.get(`/v1/fidelity?minPosition=${encodeURIComponent(position)}&${query}`);

  it('answers every metric with its numerator, denominator and definition, from the projection', async () => {
    const response = await get(fm, `districtId=${D}`);
    expect(response.status).toBe(200);
    const { metrics, definitions, source, scope } = response.body;
    expect([source, scope]).toEqual(['projection', { regionId: null, districtId: D, schoolId: null }]);
    expect(metrics.studentsIdentified).toEqual({ numerator: 3, denominator: null, value: 3 });
    expect(metrics.offeredShare).toEqual({ numerator: 2, denominator: 3, value: 0.6667 });
    // The household visit counts once; the phone visit is the other one.
    expect(metrics.visitsHeld.numerator).toBe(2);
    expect(metrics.inPersonShare).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(metrics.communityPartnerShare).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(metrics.visitsPerConsentedFamily).toEqual({ numerator: 3, denominator: 2, value: 1.5 });
    expect(metrics.homeVisitLog).toEqual({ visits: 2, barriers: { transportation: 1 }, strengths: {} });
    expect(Object.keys(definitions).sort()).toEqual(Object.keys(metrics).sort());
    expect(definitions.offeredShare.clock).toMatch(/Business dates/);
  });

  it('gives the same numbers replayed from the store as from the projection, for the same cut', async () => {
    const today = localDate(new Date(), districtTimeZone());
    const projected = (await get(fm, `districtId=${D}`)).body;
    const onDate = (await get(fm, `districtId=${D}&onDate=${today}`)).body;
    const knownAt = (await get(fm, `districtId=${D}&knownAt=${new Date().toISOString()}`)).body;
    expect([onDate.source, knownAt.source]).toEqual(['replay', 'replay']);
    expect(onDate.metrics).toEqual(projected.metrics);
    expect(knownAt.metrics).toEqual(projected.metrics);
    const window = `districtId=${D}&schoolId=sch-1&from=${daysAgo(41)}&to=${daysAgo(30)}`;
    const windowProjected = (await get(fm, window)).body.metrics;
    expect((await get(fm, `${window}&onDate=${daysAgo(30)}`)).body.metrics).toEqual(windowProjected);
  });

  it('keeps the two clocks apart: a visit recorded late counts on its business date, not before it was known', async () => {
    const onDate = (await get(fm, `districtId=${D}&onDate=${daysAgo(30)}`)).body.metrics;
    expect(onDate.visitsHeld.numerator).toBe(2);
    const known = (await get(fm, `districtId=${D}&onDate=${daysAgo(30)}&knownAt=${beforeLateVisit}`)).body
      .metrics;
    expect(known.visitsHeld.numerator).toBe(1);
    expect(known.remoteShare).toEqual({ numerator: 0, denominator: 1, value: 0 });
    const earlier = (await get(fm, `districtId=${D}&onDate=${daysAgo(38)}`)).body.metrics;
    expect(earlier.visitsHeld.numerator).toBe(1);
  });

  it('lets monitors, coordinators and admins read, and refuses state analysts and other roles', async () => {
    const status = async (client: Client, query = `districtId=${D}`) => {
      const response = await get(client, query);
      return [response.status, response.body.code ?? null];
    };
    expect(await status(api.as({ sub: 'fid-sa', role: 'state_analyst' }))).toEqual([403, 'role_not_allowed']);
    expect(await status(api.as({ sub: 'fid-hv', role: 'home_visitor', districtId: D }))).toEqual([
      403,
      'role_not_allowed',
    ]);
    expect(await status(api.as(STATE_ADMIN), 'regionId=CREC')).toEqual([200, null]);
    expect(await status(coord)).toEqual([200, null]);
    expect(await status(api.as(coordinator('d2')))).toEqual([404, 'district_not_found']);
    expect(await status(fm, 'regionId=ACES')).toEqual([404, 'region_not_found']);
    expect(await status(fm, 'schoolId=sch-404')).toEqual([404, 'school_not_found']);
    expect(await status(api.as(STATE_ADMIN), 'districtId=d-none')).toEqual([404, 'district_not_found']);
  });

  it('shows a school-scoped token only its schools', async () => {
    const school = api.as({ sub: 'fid-fm2', role: 'fidelity_monitor', districtId: D, schoolIds: ['sch-2'] });
    const own = await get(school, '');
    expect(own.status).toBe(200);
    expect(own.body.metrics.studentsIdentified.numerator).toBe(1);
    expect((await get(school, 'schoolId=sch-1')).body.code).toBe('school_not_found');
  });

  it('names every bad parameter with its path', async () => {
    const response = await get(
      fm,
      'from=2025-13-01&knownAt=2025-10-01T10:00:00&districtId=bad%20id&onDate=yesterday',
    );
    expect(response.status).toBe(400);
    const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['districtId', 'from', 'knownAt', 'onDate']);
    const schoolOnly = await get(api.as(STATE_ADMIN), 'schoolId=sch-1');
    expect([schoolOnly.status, schoolOnly.body.errors?.[0]?.path]).toEqual([400, 'districtId']);
    const reversed = await get(fm, `from=${daysAgo(1)}&to=${daysAgo(5)}`);
    expect([reversed.status, reversed.body.errors?.[0]?.path]).toEqual([400, 'to']);
  });

  describe('series', () => {
    const series = (client: Client, query: string) =>
      client.get(`/v1/fidelity/series?districtId=${D}&${query}`);

    it('equals the onDate answers it stands for, at every step', async () => {
      const response = await series(fm, `from=${daysAgo(62)}&to=${daysAgo(20)}&step=week`);
      expect(response.status).toBe(200);
      const { points, step, definitions } = response.body;
      expect([step, points.length, Object.keys(definitions).length > 20]).toEqual(['week', 7, true]);
      for (const point of points) {
        const replay = await get(
          fm,
          `districtId=${D}&from=${daysAgo(62)}&to=${daysAgo(20)}&onDate=${point.date}`,
        );
        expect(point.metrics).toEqual(replay.body.metrics);
      }
      expect(
        points.map((p: { metrics: { visitsHeld: { numerator: number } } }) => p.metrics.visitsHeld.numerator),
      ).toEqual([0, 0, 0, 2, 2, 2, 2]);
    });

    it('cuts by knownAt at every step', async () => {
      const response = await series(
        fm,
        `from=${daysAgo(62)}&to=${daysAgo(20)}&step=month&knownAt=${beforeLateVisit}`,
      );
      const last = response.body.points.at(-1);
      expect([last.date, last.metrics.visitsHeld.numerator]).toEqual([daysAgo(20), 1]);
    });

    it('draws the series as an SVG chart', async () => {
      const token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), monitor);
      const response = await fetch(
        `${api.baseUrl}/v1/fidelity/series.svg?districtId=${D}&from=${daysAgo(62)}&to=${daysAgo(20)}&step=week`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      const svg = await response.text();
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('Share of visits by a pair');
    });

    it('refuses state analysts, a missing step and an unknown district', async () => {
      const analyst = api.as({ sub: 'fid-sa', role: 'state_analyst' });
      expect((await series(analyst, `from=${daysAgo(62)}&to=${daysAgo(20)}&step=week`)).body.code).toBe(
        'role_not_allowed',
      );
      const bad = await series(fm, `from=${daysAgo(62)}&step=day`);
      expect([bad.status, bad.body.errors.map((e: { path: string }) => e.path).sort()]).toEqual([
        400,
        ['step', 'to'],
      ]);
      const other = await api
        .as(STATE_ADMIN)
        .get(`/v1/fidelity/series?districtId=d-none&from=${daysAgo(62)}&to=${daysAgo(20)}&step=month`);
      expect([other.status, other.body.code]).toEqual([404, 'district_not_found']);
    });
  });
});
