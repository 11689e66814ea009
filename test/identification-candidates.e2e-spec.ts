import { TestApi, coordinator, withDistricts, type Client } from './support/harness';
import { ImportedData } from './support/imported-data';

jest.setTimeout(60_000);

const DISTRICT = 'd-id';
const OTHER = 'd-id2';
const run = `${process.pid}-${Date.now()}`;
const ids = {
  severe: `s-sev-${run}`,
  chronicRising: `s-chr-${run}`,
  chronicFalling: `s-fal-${run}`,
  satisfactory: `s-ok-${run}`,
  chronicSteady: `s-std-${run}`,
  withCase: `s-case-${run}`,
  belowMinimum: `s-min-${run}`,
  otherDistrict: `s-oth-${run}`,
};

type Candidate = { student: string; studentId: string; [field: string]: unknown };

describe('when a district lists identification candidates from imported attendance', () => {
  let api: TestApi;
  let data: ImportedData;
  let coord: Client;
  let latest = '0';
  const student: Record<keyof typeof ids, string> = {} as never;

  const candidates = async (client: Client, query: Record<string, string> = {}) => {
    const response = await client.get(
      `/v1/identification-candidates?${new URLSearchParams({ minPosition: latest, ...query })}`,
    );
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { items: Candidate[]; nextCursor: string | null; [field: string]: unknown };
  };
  const order = async (client: Client, query: Record<string, string> = {}) =>
    (await candidates(client, query)).items.map((item) => item.student);
  const target = async (targeting: Record<string, unknown> | undefined) => {
    const response = await coord.send<any>(
      'PUT',
      `/v1/districts/${DISTRICT}/settings`,
      {
        allowUntrainedVisitors: false,
        ...(targeting ? { targeting } : {}),
      },
      {},
    );
    expect(response.status).toBe(200);
    latest = response.body.position ?? latest;
  };

  beforeAll(async () => {
    api = await TestApi.start({ registry: withDistricts(DISTRICT, OTHER) });
    data = ImportedData.open(api);
    coord = api.as(coordinator(DISTRICT));
    const seed = (
      key: keyof typeof ids,
      rest: Omit<Parameters<ImportedData['student']>[0], 'studentId' | 'districtId'> & {
        districtId?: string;
      },
    ) =>
      data
        .student({ studentId: ids[key], districtId: DISTRICT, ...rest })
        .then((pseudonym) => (student[key] = pseudonym));
    // 11 of 40 days absent (27.5%), rising: severe chronic, free/reduced lunch.
    await seed('severe', {
      schoolId: 'sch-1',
      grade: '6',
      flags: { freeReducedLunch: true },
      months: [
        ['2025-09', 20, 5],
        ['2025-10', 20, 6],
      ],
    });
    // 5 of 40 (12.5%) chronic, absences rising from 10% to 15%.
    await seed('chronicRising', {
      schoolId: 'sch-1',
      grade: '3',
      homeLanguage: 'es',
      guardianName: 'Rosa Díaz',
      guardianPhone: '+1 860 555 0199',
      months: [
        ['2025-09', 20, 2],
        ['2025-10', 20, 3],
      ],
    });
    // 5 of 40 chronic, falling from 15% to 10%: improving; English learner.
    await seed('chronicFalling', {
      schoolId: 'sch-2',
      grade: '9',
      flags: { englishLearner: true },
      months: [
        ['2025-09', 20, 3],
        ['2025-10', 20, 2],
      ],
    });
    // 1 of 40: satisfactory, never a candidate.
    await seed('satisfactory', {
      schoolId: 'sch-2',
      grade: '4',
      months: [
        ['2025-09', 20, 0],
        ['2025-10', 20, 1],
      ],
    });
    // 4 of 40, exactly 10%: chronic, steady; housing insecure; kindergarten.
    await seed('chronicSteady', {
      schoolId: 'sch-1',
      grade: 'K',
      flags: { housingInsecure: true },
      months: [
        ['2025-09', 20, 2],
        ['2025-10', 20, 2],
      ],
    });
    await seed('withCase', {
      schoolId: 'sch-3',
      grade: '7',
      months: [
        ['2025-09', 20, 6],
        ['2025-10', 20, 6],
      ],
    });
    // 8 enrolled days: below the minimum of 10, no tier yet.
    await seed('belowMinimum', { schoolId: 'sch-1', grade: '6', months: [['2025-09', 8, 4]] });
    await seed('otherDistrict', {
      districtId: OTHER,
      schoolId: 'sch-1',
      grade: '6',
      months: [['2025-09', 20, 8]],
    });
    const opened = await coord.post('/v1/cases', {
      studentId: ids.withCase,
      districtId: DISTRICT,
      identifiedOn: '2025-11-03',
    });
    expect(opened.status).toBe(201);
    latest = opened.body.position;
  });
  afterAll(async () => {
    await data.close();
    await api.stop();
  });

  it('ranks district-wide by tier, then trend, then flags, each saying why it is listed', async () => {
    const page = await candidates(coord);
    expect(page.items.map((item) => item.student)).toEqual([
      student.severe,
      student.chronicRising,
      student.chronicSteady,
      student.chronicFalling,
    ]);
    expect(page).toMatchObject({ districtId: DISTRICT, schoolYear: '2025-26', minimumEnrolledDays: 10 });
    expect(page.items[0]).toMatchObject({
      studentId: ids.severe,
      schoolId: 'sch-1',
      grade: '6',
      rank: 1,
      tier: 'severe_chronic',
      reasons: [
        'year_to_date_severe_chronic',
        'latest_month_chronic',
        'absences_rising',
        'free_reduced_lunch',
      ],
      latestMonth: { month: '2025-10', daysEnrolled: 20, daysAbsent: 6, rate: 70, tier: 'severe_chronic' },
      yearToDate: { daysEnrolled: 40, daysAbsent: 11, rate: 72.5, tier: 'severe_chronic' },
      trend: { direction: 'worsening', change: 5, months: ['2025-09', '2025-10'] },
    });
    expect(page.items[2]).toMatchObject({ tier: 'chronic', trend: { direction: 'steady', change: 0 } });
    expect(page.items[3]).toMatchObject({ trend: { direction: 'improving', change: -5 } });
  });

  it('pages with a cursor in the same order', async () => {
    const first = await candidates(coord, { limit: '3' });
    expect(first.items).toHaveLength(3);
    const second = await candidates(coord, { limit: '3', cursor: first.nextCursor! });
    expect(second.items.map((item) => item.student)).toEqual([student.chronicFalling]);
    expect(second.items[0]).toMatchObject({ rank: 4 });
    expect(second.nextCursor).toBeNull();
    expect((await coord.get('/v1/identification-candidates?cursor=nope')).status).toBe(400);
  });

  it('follows each targeting approach', async () => {
    await target({ approach: 'school_subset', schoolIds: ['sch-2'] });
    expect(await order(coord)).toEqual([student.chronicFalling]);
    expect((await candidates(coord)).items[0]!.reasons).toContain('targeted_school');
    await target({ approach: 'transition_grade' }); // K, 6 and 9 by default
    expect(await order(coord)).toEqual([student.severe, student.chronicSteady, student.chronicFalling]);
    await target({ approach: 'demographic_focus', flags: ['englishLearner', 'housingInsecure'] });
    expect(await order(coord)).toEqual([student.chronicSteady, student.chronicFalling]);
    await target(undefined);
    expect(await order(coord)).toHaveLength(4);
  });

  it('refuses targeting a school the district does not have', async () => {
    const response = await coord.send<any>(
      'PUT',
      `/v1/districts/${DISTRICT}/settings`,
      {
        allowUntrainedVisitors: false,
        targeting: { approach: 'school_subset', schoolIds: ['sch-nowhere'] },
      },
      {},
    );
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('school_not_found');
  });

  it('keeps each caller to their scope', async () => {
    const team = api.as({
      sub: 'team-2',
      role: 'attendance_team',
      districtId: DISTRICT,
      schoolIds: ['sch-2'],
    });
    expect(await order(team)).toEqual([student.chronicFalling]);
    expect(await order(team, { schoolId: 'sch-1' })).toEqual([]);
    expect(await order(coord, { schoolId: 'sch-1' })).toEqual([
      student.severe,
      student.chronicRising,
      student.chronicSteady,
    ]);
    expect(await order(coord, { districtId: OTHER })).toEqual([]);
    expect(await order(api.as(coordinator(OTHER)))).toEqual([student.otherDistrict]);
    const stateAdmin = api.as({ sub: 'state-admin', role: 'admin' });
    expect(await order(stateAdmin, { districtId: OTHER })).toEqual([student.otherDistrict]);
    const noDistrict = await stateAdmin.get('/v1/identification-candidates');
    expect(noDistrict.status).toBe(400);
    expect(noDistrict.body.errors).toEqual([expect.objectContaining({ path: 'districtId' })]);
    for (const role of ['home_visitor', 'state_analyst'] as const) {
      const claims =
        role === 'state_analyst' ? { sub: 'sa', role } : { sub: 'hv', role, districtId: DISTRICT };
      const refused = await api.as(claims).get('/v1/identification-candidates');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('role_not_allowed');
    }
  });

  it('shows state student ids only to roles with personal data, and records who saw them', async () => {
    const monitor = api.as({ sub: 'mon', role: 'fidelity_monitor', districtId: DISTRICT });
    const before = (await data.studentAccesses()).length;
    const seen = (await candidates(monitor)).items;
    expect(seen.map((item) => item.studentId)).toEqual(seen.map((item) => item.student));
    expect(JSON.stringify(seen)).not.toContain(ids.severe);
    expect(await data.studentAccesses()).toHaveLength(before);
    await candidates(coord, { limit: '2' });
    const recorded = (await data.studentAccesses()).slice(before);
    expect(recorded).toEqual([
      expect.objectContaining({
        actorRole: 'coordinator',
        students: [student.severe, student.chronicRising],
      }),
    ]);
  });

  it('identifies a candidate from the imported data, which then leaves the list', async () => {
    const identified = await coord.post('/v1/cases', {
      studentId: ids.chronicRising,
      districtId: DISTRICT,
      identifiedOn: '2025-11-15',
      pii: { studentName: 'Leo Díaz' },
    });
    expect(identified.status).toBe(201);
    latest = identified.body.position;
    const view = (await coord.get(`/v1/cases/${identified.body.caseId}`)).body;
    expect(view).toMatchObject({
      schoolId: 'sch-1',
      grade: '3',
      homeLanguage: 'es',
      targetingApproach: 'district_wide',
      baseline: { asOf: '2025-10-31', daysEnrolled: 40, daysAbsent: 5 },
      flags: { englishLearner: false, freeReducedLunch: false, housingInsecure: false, iep: false },
    });
    expect(JSON.stringify(view)).toContain('Rosa Díaz');
    expect(JSON.stringify(view)).toContain('+1 860 555 0199');
    expect(await order(coord)).toEqual([student.severe, student.chronicSteady, student.chronicFalling]);
  });

  it('keeps what the body gives over the imported data', async () => {
    const identified = await coord.post('/v1/cases', {
      studentId: ids.chronicFalling,
      districtId: DISTRICT,
      identifiedOn: '2025-11-15',
      grade: '10',
      baseline: { asOf: '2025-11-14', daysEnrolled: 50, daysAbsent: 9 },
      targetingApproach: 'transition_grade',
    });
    expect(identified.status).toBe(201);
    latest = identified.body.position;
    const view = (await coord.get(`/v1/cases/${identified.body.caseId}`)).body;
    expect(view).toMatchObject({
      schoolId: 'sch-2',
      grade: '10',
      targetingApproach: 'transition_grade',
      baseline: { asOf: '2025-11-14', daysEnrolled: 50, daysAbsent: 9 },
      flags: { englishLearner: true },
    });
  });

  it('refuses a school-limited team a student the roster puts in another school, without naming it', async () => {
    const team = api.as({
      sub: 'team-2',
      role: 'attendance_team',
      districtId: DISTRICT,
      schoolIds: ['sch-2'],
    });
    const refused = await team.post('/v1/cases', {
      studentId: ids.severe,
      districtId: DISTRICT,
      identifiedOn: '2025-11-15',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('out_of_scope');
    expect(JSON.stringify(refused.body)).not.toContain('sch-1');
  });

  it('still requires school, grade, baseline and approach for a student the district has not imported', async () => {
    const response = await coord.post('/v1/cases', {
      studentId: `s-unknown-${run}`,
      districtId: DISTRICT,
      identifiedOn: '2025-11-15',
    });
    expect(response.status).toBe(400);
    const paths = JSON.stringify(response.body);
    for (const path of ['schoolId', 'grade', 'baseline', 'targetingApproach'])
      expect(paths).toContain(`"${path}"`);
  });

  it('requires a baseline when no imported month had ended by the identification', async () => {
    const response = await coord.post('/v1/cases', {
      studentId: ids.severe,
      districtId: DISTRICT,
      identifiedOn: '2025-09-20',
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('"baseline"');
    expect(JSON.stringify(response.body)).not.toContain('"grade"');
  });
});
