import { demoParameters, runDemo, simulate } from '@leap/demo';
import { STATE_ADMIN, TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, registerTrainedVisitor } from './support/journey-fixtures';

jest.setTimeout(120_000);

interface Line {
  businessDate: string;
  recordedAt: string;
  category: string;
  type: string;
  caseId?: string;
  visitorId?: string;
  student?: string | null;
  household?: string | null;
  districtId: string;
  schoolId: string | null;
  data: Record<string, unknown>;
}

/** The timeline's lines, after checking it came as NDJSON. */
async function timeline(client: Client, query: string): Promise<Line[]> {
  const answer = await client.getText(`/v1/timeline${query}`);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  expect(answer.text === '' || answer.text.endsWith('\n')).toBe(true);
  return answer.text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);
}

const problem = async (client: Client, query: string) => {
  const answer = await client.get(`/v1/timeline${query}`);
  return {
    status: answer.status,
    code: answer.body?.code,
    paths: (answer.body?.errors ?? []).map((e: { path: string }) => e.path),
  };
};

const monitor = (districtId = 'd1', schoolIds?: string[]) => ({
  sub: `fm-${districtId}`,
  role: 'fidelity_monitor' as const,
  districtId,
  ...(schoolIds ? { schoolIds } : {}),
});

describe('when the program timeline is read over HTTP', () => {
  let api: TestApi;
  let coord: Client;
  let fm: Client;
  let first: string;
  let second: string;

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    fm = api.as(monitor());
    const visitor = await registerTrainedVisitor(coord, { name: 'Ana Ruiz' });
    // Two cases whose business dates interleave, recorded case by case.
    first = (await coord.post('/v1/cases', identifyBody({ identifiedOn: daysAgo(60) }))).body.caseId;
    await coord.post(`/v1/cases/${first}/consent-offers`, { offeredOn: daysAgo(50), channel: 'phone' });
    await coord.post(`/v1/cases/${first}/consent-responses`, {
      respondedOn: daysAgo(48),
      decision: 'granted',
    });
    await coord.post(`/v1/cases/${first}/visits`, {
      status: 'held',
      date: daysAgo(40),
      location: 'home',
      visitorIds: [visitor],
      barriers: ['transportation'],
      pii: { notes: 'Spoke with Rosa about the bus' },
    });
    second = (await coord.post('/v1/cases', identifyBody({ identifiedOn: daysAgo(59), schoolId: 'sch-2' })))
      .body.caseId;
    const offered = await coord.post(`/v1/cases/${second}/consent-offers`, {
      offeredOn: daysAgo(55),
      channel: 'in_person',
    });
    expect(offered.status).toBe(200);
    await coord.post(`/v1/cases/${second}/consent-responses`, {
      respondedOn: daysAgo(45),
      decision: 'granted',
    });
    // Another district's case, never on d1's timeline.
    await api
      .as(coordinator('d2'))
      .post('/v1/cases', identifyBody({ districtId: 'd2', identifiedOn: daysAgo(57) }));
  });
  afterAll(() => api.stop());

  it('streams the district events in business-date order across cases', async () => {
    const lines = await timeline(fm, '');
    const dates = lines.map((line) => line.businessDate);
    expect(dates).toEqual([...dates].sort());
    expect(lines.every((line) => line.districtId === 'd1')).toBe(true);
    const journey = lines
      .filter((line) => line.category === 'case')
      .map((line) => `${line.caseId === first ? 'first' : 'second'} ${line.type}`);
    expect(journey).toEqual([
      'first StudentIdentified.v2',
      'second StudentIdentified.v2',
      'second ConsentOffered.v1',
      'first ConsentOffered.v1',
      'first ConsentGranted.v1',
      'second ConsentGranted.v1',
      'first VisitHeld.v2',
    ]);
    const visit = lines.find((line) => line.type === 'VisitHeld.v2')!;
    expect(visit).toMatchObject({ caseId: first, schoolId: 'sch-1', data: { barriers: ['transportation'] } });
    expect(visit.student).toMatch(/\S/);
    expect(visit.student).toBe(
      lines.find((line) => line.type === 'StudentIdentified.v2' && line.caseId === first)!.data.student,
    );
    expect(lines.some((line) => line.type === 'VisitorTrainingCompleted.v1')).toBe(true);
    expect(lines.some((line) => line.type.startsWith('VisitorRegistered'))).toBe(false);
  });

  it('is the same de-identified timeline for a coordinator, who reads personal data elsewhere', async () => {
    const seen = JSON.stringify(await timeline(coord, ''));
    expect(seen).toBe(JSON.stringify(await timeline(fm, '')));
    for (const personal of [
      'Maya Lopez',
      'Rosa Lopez',
      '860 555',
      'Elm St',
      'Spoke with Rosa',
      'Ana Ruiz',
      'coord-d1',
    ]) {
      expect(seen).not.toContain(personal);
    }
  });

  it('keeps to the types and the inclusive business dates asked for', async () => {
    const granted = await timeline(fm, '?types=ConsentGranted.v1,VisitHeld.v2');
    expect(granted.map((line) => line.type)).toEqual([
      'ConsentGranted.v1',
      'ConsentGranted.v1',
      'VisitHeld.v2',
    ]);
    const dated = await timeline(fm, `?from=${daysAgo(55)}&to=${daysAgo(48)}`);
    expect(dated.map((line) => line.businessDate)).toEqual([daysAgo(55), daysAgo(50), daysAgo(48)]);
  });

  it('keeps to a school, within the token’s schools', async () => {
    const school = await timeline(fm, '?schoolId=sch-2');
    expect(new Set(school.map((line) => line.caseId))).toEqual(new Set([second]));
    const scoped = await timeline(api.as(monitor('d1', ['sch-2'])), '');
    expect(scoped).toEqual(school);
    expect(await problem(api.as(monitor('d1', ['sch-2'])), '?schoolId=sch-1')).toMatchObject({
      status: 404,
      code: 'school_not_found',
    });
  });

  it('shows only what was recorded by knownAt: an entry recorded later is absent', async () => {
    const before = await timeline(fm, '');
    const lastRecorded = Math.max(...before.map((line) => Date.parse(line.recordedAt)));
    const knownAt = new Date(lastRecorded + 1).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Entered late, for a day long past.
    const late = await coord.post(`/v1/cases/${second}/attendance-checks`, {
      asOf: daysAgo(47),
      daysEnrolled: 20,
      daysAbsent: 2,
    });
    expect(late.status).toBe(201);
    const now = await timeline(fm, '?types=AttendanceChecked.v1');
    expect(now.map((line) => [line.caseId, line.businessDate])).toEqual([[second, daysAgo(47)]]);
    expect(await timeline(fm, `?types=AttendanceChecked.v1&knownAt=${encodeURIComponent(knownAt)}`)).toEqual(
      [],
    );
    const then = await timeline(fm, `?knownAt=${encodeURIComponent(knownAt)}`);
    expect(then).toEqual(before);
  });

  it('refuses state analysts and roles outside fidelity monitoring, with a stable code', async () => {
    expect(await problem(api.as({ sub: 'analyst', role: 'state_analyst' }), '?districtId=d1')).toMatchObject({
      status: 403,
      code: 'role_not_allowed',
    });
    expect(await problem(api.as({ sub: 'hv', role: 'home_visitor', districtId: 'd1' }), '')).toMatchObject({
      status: 403,
      code: 'role_not_allowed',
    });
    expect((await api.as(STATE_ADMIN).getText('/v1/timeline?districtId=d1')).status).toBe(200);
  });

  it('answers 404 for another district, an unknown one, or a school outside the district', async () => {
    expect(await problem(fm, '?districtId=d2')).toMatchObject({ status: 404, code: 'district_not_found' });
    expect(await problem(api.as(STATE_ADMIN), '?districtId=nowhere')).toMatchObject({
      status: 404,
      code: 'district_not_found',
    });
    expect(await problem(fm, '?schoolId=sch-404')).toMatchObject({ status: 404, code: 'school_not_found' });
    const d2 = await timeline(api.as(monitor('d2')), '');
    expect(d2.map((line) => line.type)).toEqual(['StudentIdentified.v2']);
  });

  it('answers 400 naming every bad field', async () => {
    const bad = await problem(
      fm,
      '?from=2026-13-01&to=someday&knownAt=2026-10-01T10:00:00&types=VisitHeld.v2,Nope.v1&districtId=no%20such!&schoolId=%24',
    );
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(bad.paths.sort()).toEqual(['districtId', 'from', 'knownAt', 'schoolId', 'to', 'types']);
    expect(await problem(fm, `?from=${daysAgo(1)}&to=${daysAgo(2)}`)).toMatchObject({
      status: 400,
      paths: ['to'],
    });
    expect(await problem(api.as(STATE_ADMIN), '')).toMatchObject({ status: 400, paths: ['districtId'] });
    const unknown = await fm.get('/v1/timeline?types=Nope.v1');
    expect(JSON.stringify(unknown.body)).toContain('Nope.v1');
  });
});

describe('when the timeline of a demo state is read', () => {
  const SMALL = demoParameters({ seed: 11, districts: 1, students: 40, attendance: 'monthly' }, '2026-11-29');
  const world = simulate(SMALL);
  const district = world.districts[0]!;
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start({ registry: 'empty' });
    await runDemo({ LEAP_DATA_DIR: api.dataDir, ...api.backend.env }, SMALL, { force: false });
  });
  afterAll(() => api.stop());

  /** Every string a coordinator reads in the `pii` of the district's case histories, and the demo's own personal data. */
  async function personalStrings(): Promise<Set<string>> {
    const strings = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string' && value.length >= 4) strings.add(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
    };
    const coord = api.as({ sub: district.coordinator, role: 'coordinator', districtId: district.districtId });
    for (const c of world.cases) {
      const history = await coord.get(`/v1/cases/${c.caseId}/history`);
      expect(history.status).toBe(200);
      for (const event of history.body.events as { data: { pii?: unknown } }[]) collect(event.data.pii);
    }
    // The histories were read with their personal data: names, phones, ids and notes.
    expect(strings.size).toBeGreaterThan(world.cases.length * 2);
    for (const student of world.students)
      collect([student.studentId, student.guardianName, student.guardianPhone]);
    for (const visitor of district.visitors) collect(visitor.name);
    return strings;
  }

  it('holds no personal data string of the demo anywhere', async () => {
    const fm = api.as(monitor(district.districtId));
    const answer = await fm.getText('/v1/timeline');
    expect(answer.status).toBe(200);
    const lines = answer.text.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(world.cases.length * 3);
    expect(lines.some((line) => line.includes('"AttendanceChecked.v1"'))).toBe(true);
    const personal = await personalStrings();
    expect(personal.size).toBeGreaterThan(world.cases.length);
    const leaks = [...personal].filter((value) => answer.text.includes(value));
    expect(leaks).toEqual([]);
    expect(answer.text).not.toContain('"pii"');
    // The coordinator's timeline is the same de-identified text.
    const coord = api.as({ sub: district.coordinator, role: 'coordinator', districtId: district.districtId });
    expect((await coord.getText('/v1/timeline')).text).toBe(answer.text);
  });
});
