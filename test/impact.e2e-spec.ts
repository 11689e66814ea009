import { mintEmbeddedToken, type DevTokenClaims } from '@leap/auth';
import { demoParameters, runDemo, simulate } from '@leap/demo';
import { estimateImpact, type ImpactPoint } from '@leap/impact';
import { panelOfDemo } from '../libs/impact/src/demo-panel';
import { STATE_ADMIN, TEST_SECRET, TestApi } from './support/harness';

jest.setTimeout(300_000);

/** Two small districts (a demo is slow to build on the EventStoreDB double), and a low threshold. */
const DEMO = demoParameters({ seed: 11, districts: 2, students: 200, attendance: 'monthly' }, '2026-11-29');
const MIN_TREATED = 3;

/** What the estimator must not lose on the way from events to the answer (intervals depend on student order). */
const comparable = (curve: ImpactPoint[]) =>
  curve.map(({ eventMonth, estimate, treated, comparison, suppressed }) => ({
    eventMonth,
    estimate,
    treated,
    comparison,
    suppressed,
  }));

describe('GET /v1/impact over a demo state built through the commands and imports', () => {
  let api: TestApi;
  let query: string;
  const world = simulate(DEMO);
  const panel = panelOfDemo(world);
  const [first, second] = world.districts as [(typeof world.districts)[0], (typeof world.districts)[0]];
  const monitor = (districtId: string): DevTokenClaims => ({
    sub: `monitor-${districtId}`,
    role: 'fidelity_monitor',
    districtId,
  });
  const analyst: DevTokenClaims = { sub: 'analyst', role: 'state_analyst' };

  beforeAll(async () => {
    process.env.LEAP_IMPACT_MIN_TREATED = String(MIN_TREATED);
    api = await TestApi.start({ registry: 'empty' });
    await runDemo({ LEAP_DATA_DIR: api.dataDir, ...api.backend.env }, DEMO, { force: false });
    query = `minPosition=${encodeURIComponent((await api.storeHead())!)}`;
  });
  afterAll(async () => {
    delete process.env.LEAP_IMPACT_MIN_TREATED;
    await api.stop();
  });

  it('estimates from the events what the estimator finds on the demo panel, state-wide', async () => {
    const answer = await api.as(STATE_ADMIN).get(`/v1/impact?${query}`);
    expect(answer.status).toBe(200);
    const expected = estimateImpact(panel, { minTreated: MIN_TREATED });
    expect(comparable(answer.body.pooled)).toEqual(comparable(expected.pooled));
    expect(answer.body.pooled.some((p: ImpactPoint) => !p.suppressed)).toBe(true);
    expect(answer.body.naive).toEqual(expected.naive);
    for (const [name, curves] of Object.entries(expected.breakdowns))
      for (const [value, curve] of Object.entries(curves))
        expect([name, value, comparable(answer.body.breakdowns[name][value])]).toEqual([
          name,
          value,
          comparable(curve),
        ]);
    expect(answer.body).toMatchObject({ from: null, to: null, scope: { districtId: null, regionId: null } });
  });

  it("gives a fidelity monitor their district's estimates, and 404 for another district", async () => {
    const own = await api.as(monitor(first.districtId)).get(`/v1/impact?${query}`);
    expect(own.status).toBe(200);
    const expected = estimateImpact(
      panel.filter((s) => s.districtId === first.districtId),
      { minTreated: MIN_TREATED },
    );
    expect(comparable(own.body.pooled)).toEqual(comparable(expected.pooled));
    expect(Object.keys(own.body.breakdowns.district)).toEqual([first.districtId]);

    const other = await api
      .as(monitor(first.districtId))
      .get(`/v1/impact?districtId=${second.districtId}&${query}`);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('district_not_found');
  });

  it('counts only first visits between from and to', async () => {
    const answer = await api.as(STATE_ADMIN).get(`/v1/impact?from=2025-01-01&to=2025-03-31&${query}`);
    expect(answer.status).toBe(200);
    const expected = estimateImpact(panel, {
      minTreated: MIN_TREATED,
      firstVisitFrom: '2025-01-01',
      firstVisitTo: '2025-03-31',
    });
    expect(comparable(answer.body.pooled)).toEqual(comparable(expected.pooled));
    expect(answer.body).toMatchObject({ from: '2025-01-01', to: '2025-03-31' });
  });

  it('lets a state analyst read a region and a district, never suppressed below 20 served students, and 404 for an unknown region', async () => {
    const region = await api.as(analyst).get(`/v1/impact?regionId=${first.regionId}&${query}`);
    expect(region.status).toBe(200);
    expect(region.body.scope).toEqual({ districtId: null, regionId: first.regionId });
    expect(region.body.suppression).toEqual({ minTreated: 20 });
    const inRegion = new Set(
      world.districts.filter((d) => d.regionId === first.regionId).map((d) => d.districtId),
    );
    const expected = estimateImpact(
      panel.filter((s) => inRegion.has(s.districtId)),
      { minTreated: 20 },
    );
    expect(comparable(region.body.pooled)).toEqual(comparable(expected.pooled));
    for (const point of [
      ...region.body.pooled,
      ...Object.values(region.body.breakdowns.district).flat(),
    ] as ImpactPoint[])
      if (point.suppressed) expect([point.estimate, point.ciLow, point.treated]).toEqual([null, null, null]);
      else expect(point.treated).toBeGreaterThanOrEqual(20);
    const district = await api.as(analyst).get(`/v1/impact?districtId=${second.districtId}&${query}`);
    expect(Object.keys(district.body.breakdowns.district)).toEqual([second.districtId]);
    const unknown = await api.as(analyst).get(`/v1/impact?regionId=NOWHERE&${query}`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'region_not_found']);
  });

  it('refuses roles that do not read impact', async () => {
    const answer = await api
      .as({ sub: 'v', role: 'home_visitor', districtId: first.districtId })
      .get('/v1/impact');
    expect([answer.status, answer.body.code]).toEqual([403, 'role_not_allowed']);
  });

  it('names every bad parameter with its path', async () => {
    const answer = await api
      .as(STATE_ADMIN)
      .get('/v1/impact?from=2025-13-01&to=soon&districtId=no%20such&extra=1');
    expect(answer.status).toBe(400);
    const paths = answer.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['districtId', 'extra', 'from', 'to']);
    const reversed = await api.as(STATE_ADMIN).get('/v1/impact?from=2025-03-01&to=2025-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([{ path: 'to', reason: 'to must not be before from' }]);
  });

  it('draws the estimates as an SVG chart, with a panel for each breakdown that has numbers', async () => {
    const token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), STATE_ADMIN);
    const response = await fetch(`${api.baseUrl}/v1/impact/chart.svg?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await response.text();
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('School months from the first visit');
    const answer = await api.as(STATE_ADMIN).get(`/v1/impact?${query}`);
    const titles = { gradeBand: 'Grade band', englishLearner: 'English learner', district: 'District' };
    const shown = Object.entries(titles).filter(([name]) =>
      Object.values(answer.body.breakdowns[name] as Record<string, ImpactPoint[]>)
        .flat()
        .some((point) => !point.suppressed),
    );
    expect(shown.length).toBeGreaterThan(0);
    for (const [, title] of shown) expect(svg).toContain(title);
  });
});
