import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { demoParameters, runDemo, simulate, StoreNotEmptyError, TRUTH_FILE } from '@leap/demo';
import { STATE_ADMIN, TestApi } from './support/harness';

// Building a demo through the store takes seconds alone, minutes when the two cores are busy.
jest.setTimeout(300_000);

const SMALL = demoParameters({ seed: 5, districts: 1, students: 40, attendance: 'monthly' }, '2026-11-29');

describe('when a demo state is built into the store an API serves', () => {
  let api: TestApi;
  const env = () => ({ LEAP_DATA_DIR: api.dataDir, ...api.backend.env });
  const world = simulate(SMALL);

  beforeAll(async () => {
    api = await TestApi.start({ registry: 'empty' });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('builds into the empty store, and the API reads the districts, schools and cases it wrote', async () => {
    const run = await runDemo(env(), SMALL, { force: false });
    expect(run.summary).toMatchObject({ districts: 1, students: 40, cases: world.cases.length });
    expect(existsSync(join(api.dataDir, TRUTH_FILE))).toBe(true);

    const district = world.districts[0]!;
    const districts = await api.as(STATE_ADMIN).get('/v1/districts');
    expect(districts.body.districts.map((d: { districtId: string }) => d.districtId)).toEqual([
      district.districtId,
    ]);
    const coordinator = api.as({
      sub: district.coordinator,
      role: 'coordinator',
      districtId: district.districtId,
    });
    const schools = await coordinator.get(`/v1/districts/${district.districtId}/schools`);
    expect(schools.body.schools).toHaveLength(district.schools.length);

    const c = world.cases[0]!;
    const shown = await coordinator.get(`/v1/cases/${c.caseId}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ caseId: c.caseId, identifiedOn: c.identifiedOn, status: 'closed' });
    const history = await coordinator.get(`/v1/cases/${c.caseId}/history`);
    expect(history.body.events.length).toBe(
      c.actions.length + history.body.events.filter((e: { type: string }) => /^FollowUp/.test(e.type)).length,
    );
  });

  it('refuses to build again into the store, now holding events, without --force', async () => {
    const head = await api.storeHead();
    await expect(runDemo(env(), { ...SMALL, seed: 6 }, { force: false })).rejects.toBeInstanceOf(
      StoreNotEmptyError,
    );
    expect(await api.storeHead()).toBe(head);
  });
});
