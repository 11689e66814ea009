import { randomUUID } from 'node:crypto';
import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, registerTrainedVisitor } from './support/journey-fixtures';

type Summary = { caseId: string; studentId: string; studentName?: string | null; [field: string]: unknown };

const team = (schoolIds: string[]) => ({
  sub: `team-${schoolIds.join('-')}`,
  role: 'attendance_team' as const,
  districtId: 'd1',
  schoolIds,
});
const visitor = (sub: string) => ({ sub, role: 'home_visitor' as const, districtId: 'd1' });

describe('when users list cases from the case summaries', () => {
  let api: TestApi;
  let coord: Client;
  let anaId: string;
  let benId: string;
  /** The latest position any command answered: every list waits for it, so nothing races. */
  let latest = '0';
  const cases: Record<
    'visited' | 'offered' | 'closed' | 'otherDistrict',
    { caseId: string; studentId: string }
  > = {} as never;

  const send = async (client: Client, path: string, body: unknown) => {
    const response = await client.post(path, body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    latest = response.body.position ?? latest;
    return response.body;
  };
  const list = async (client: Client, query: Record<string, string> = {}) =>
    client.get(`/v1/cases?${new URLSearchParams({ minPosition: latest, limit: '200', ...query })}`);
  const idsOf = (response: { body: { items: Summary[] } }) =>
    response.body.items.map((item) => item.caseId).sort();
  const identify = async (client: Client, overrides: Record<string, unknown> = {}) => {
    const body = identifyBody(overrides);
    const { caseId } = await send(client, '/v1/cases', body);
    return { caseId: caseId as string, studentId: body.studentId };
  };

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    anaId = await registerTrainedVisitor(coord, { name: 'Ana Ruiz', subject: 'ana' });
    benId = await registerTrainedVisitor(coord, { name: 'Ben Ode', subject: 'ben' });

    cases.visited = await identify(coord, {
      schoolId: 'sch-1',
      baseline: { asOf: daysAgo(61), daysEnrolled: 20, daysAbsent: 3 },
      pii: { studentName: 'Maya Lopez' },
    });
    const visited = `/v1/cases/${cases.visited.caseId}`;
    await send(coord, `${visited}/visitor-assignments`, { visitorIds: [anaId], assignedOn: daysAgo(55) });
    await send(coord, `${visited}/consent-offers`, { offeredOn: daysAgo(54), channel: 'phone' });
    await send(coord, `${visited}/consent-responses`, { respondedOn: daysAgo(53), decision: 'granted' });
    const visit = { status: 'held', location: 'home', visitorIds: [anaId] };
    const first = await send(coord, `${visited}/visits`, { ...visit, date: daysAgo(50) });
    await send(coord, `${visited}/visits`, { ...visit, date: daysAgo(40) });
    await send(coord, `${visited}/entries/${first.visitId}/void`, { reason: 'logged on the wrong family' });

    cases.offered = await identify(coord, { schoolId: 'sch-2', pii: { studentName: 'Liam Chen' } });
    await send(coord, `/v1/cases/${cases.offered.caseId}/visitor-assignments`, {
      visitorIds: [benId],
      assignedOn: daysAgo(50),
    });
    await send(coord, `/v1/cases/${cases.offered.caseId}/consent-offers`, {
      offeredOn: daysAgo(49),
      channel: 'letter',
    });

    cases.closed = await identify(coord, { schoolId: 'sch-1', pii: { studentName: 'Noor Haddad' } });
    await send(coord, `/v1/cases/${cases.closed.caseId}/closure`, { closedOn: daysAgo(5), reason: 'moved' });

    cases.otherDistrict = await identify(api.as(coordinator('d2')), { districtId: 'd2', schoolId: 'sch-9' });
  });
  afterAll(() => api.stop());

  it('lists a case the command just wrote when asked with its position (read-your-writes)', async () => {
    const body = identifyBody({ schoolId: 'sch-3' });
    const written = await coord.post('/v1/cases', body);
    const read = await coord.get(`/v1/cases?minPosition=${written.body.position}&q=${body.studentId}`);
    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([
      expect.objectContaining({ caseId: written.body.caseId, stage: 'identified', schoolId: 'sch-3' }),
    ]);
    expect(read.body.position).toBe(written.body.position);
    latest = written.body.position;
  });

  it('shows each district only its own cases', async () => {
    const d1 = idsOf(await list(coord));
    expect(d1).toEqual(
      expect.arrayContaining([cases.visited.caseId, cases.offered.caseId, cases.closed.caseId]),
    );
    expect(d1).not.toContain(cases.otherDistrict.caseId);
    expect(idsOf(await list(api.as(coordinator('d2'))))).toEqual([cases.otherDistrict.caseId]);
  });

  it('limits an attendance team to the schools of its token, whatever it filters', async () => {
    const sch1 = api.as(team(['sch-1']));
    expect(idsOf(await list(sch1))).toEqual([cases.visited.caseId, cases.closed.caseId].sort());
    expect((await list(sch1, { schoolId: 'sch-2' })).body.items).toEqual([]);
  });

  it('shows a home visitor only the cases assigned to their login', async () => {
    expect(idsOf(await list(api.as(visitor('ana'))))).toEqual([cases.visited.caseId]);
    expect(idsOf(await list(api.as(visitor('ben'))))).toEqual([cases.offered.caseId]);
    expect((await list(api.as(visitor('cy')))).body.items).toEqual([]);
  });

  it('summarises the journey without voided entries', async () => {
    const [summary] = (await list(coord, { q: cases.visited.studentId })).body.items as Summary[];
    expect(summary).toMatchObject({
      caseId: cases.visited.caseId,
      studentName: 'Maya Lopez',
      status: 'open',
      stage: 'visiting',
      consent: 'granted',
      tier: 'chronic',
      visitCount: 1,
      lastContactOn: daysAgo(40),
      openFollowUps: 0,
      assignedVisitorIds: [anaId],
    });
  });

  it('filters by status, stage, tier, school and assigned visitor', async () => {
    expect(idsOf(await list(coord, { status: 'closed' }))).toEqual([cases.closed.caseId]);
    expect(idsOf(await list(coord, { stage: 'offered' }))).toEqual([cases.offered.caseId]);
    expect(idsOf(await list(coord, { tier: 'chronic' }))).toEqual([cases.visited.caseId]);
    expect(idsOf(await list(coord, { assignedVisitorId: benId }))).toEqual([cases.offered.caseId]);
    expect(idsOf(await list(coord, { schoolId: 'sch-2' }))).toEqual([cases.offered.caseId]);
  });

  it('searches by student only for roles that see personal data, and shows fidelity monitors pseudonyms', async () => {
    expect(idsOf(await list(coord, { q: 'liam' }))).toEqual([cases.offered.caseId]);
    expect(idsOf(await list(coord, { q: cases.offered.studentId }))).toEqual([cases.offered.caseId]);
    const monitor = api.as({ sub: 'fm', role: 'fidelity_monitor', districtId: 'd1' });
    // A search by real id would link a pseudonym back to its student.
    for (const q of ['liam', cases.offered.studentId]) {
      const search = await list(monitor, { q });
      expect([search.status, search.body.code]).toEqual([403, 'role_not_allowed']);
    }
    const listed = (await list(monitor)).body;
    const item = (listed.items as Summary[]).find((summary) => summary.caseId === cases.offered.caseId)!;
    expect(item).not.toHaveProperty('studentName');
    expect(item.studentId).toMatch(/^stu_[0-9a-f]{20}$/);
    const text = JSON.stringify(listed);
    expect(text).not.toContain('Lopez');
    expect(text).not.toContain(cases.offered.studentId);
  });

  it('moves a transferred case to the new school', async () => {
    await send(coord, `/v1/cases/${cases.offered.caseId}/transfer`, {
      toSchoolId: 'sch-1',
      transferredOn: daysAgo(1),
    });
    expect(idsOf(await list(api.as(team(['sch-1']))))).toContain(cases.offered.caseId);
    expect(idsOf(await list(api.as(team(['sch-2']))))).not.toContain(cases.offered.caseId);
  });

  it('pages through every case once, in identification order', async () => {
    for (const days of [70, 65, 65]) await identify(coord, { identifiedOn: daysAgo(days) });
    const all = (await list(coord)).body.items as Summary[];
    const seen: Summary[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(coord, { limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((s) => s.caseId)).toEqual(all.map((s) => s.caseId));
    const keys = seen.map((s) => `${String(s.identifiedOn)} ${s.caseId}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(all.length);
  });

  it('refuses a state analyst (403)', async () => {
    const response = await list(api.as({ sub: 'sa', role: 'state_analyst' }));
    expect([response.status, response.body.code]).toEqual([403, 'role_not_allowed']);
  });

  it('rejects invalid query parameters with their field paths (400)', async () => {
    const paths = async (query: string) => {
      const response = await coord.get(`/v1/cases?${query}`);
      expect([response.status, response.body.code]).toEqual([400, 'validation_failed']);
      return response.body.errors.map((error: { path: string }) => error.path);
    };
    expect(await paths('limit=0&tier=bad')).toEqual(expect.arrayContaining(['limit', 'tier']));
    expect(await paths('stage=unknown')).toEqual(['stage']);
    expect(await paths('sort=name')).toEqual(['sort']);
    expect(await paths('cursor=not-a-cursor')).toEqual(['cursor']);
    expect(await paths('minPosition=abc')).toEqual(['minPosition']);
  });

  it('sees events appended by another process within a second', async () => {
    const other = api.openStore();
    try {
      const stream = `case-${cases.visited.caseId}`;
      const [last] = await other.readStream(stream, { direction: 'backwards', maxCount: 1 });
      await other.appendToStream(
        stream,
        [
          {
            id: randomUUID(),
            type: 'CaseClosed.v1',
            data: { closedOn: daysAgo(0), reason: 'attendance_improved' },
            metadata: { actorId: 'importer', actorRole: 'system', districtId: 'd1', schoolId: 'sch-1' },
          },
        ],
        last!.revision,
      );
      const started = Date.now();
      let stage: unknown;
      while (Date.now() - started < 1000 && stage !== 'closed') {
        stage = ((await coord.get(`/v1/cases?q=${cases.visited.studentId}`)).body.items as Summary[])[0]
          ?.stage;
        if (stage !== 'closed') await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(stage).toBe('closed');
    } finally {
      await other.close();
    }
  });

  it('reports each projection’s checkpoint, lag and last error to state-wide admins only', async () => {
    await list(coord);
    const status = await api.as({ sub: 'root', role: 'admin' }).get('/v1/projections');
    expect(status.status).toBe(200);
    expect(status.body.projections.map((p: { name: string }) => p.name).sort()).toEqual([
      'access_log',
      'case_summaries',
      'fidelity_facts',
      'student_attendance',
      'worklists',
    ]);
    expect(status.body.projections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'case_summaries',
          state: 'live',
          checkpoint: expect.any(String),
          lag: { events: 0, eventsCapped: false, seconds: 0 },
          lastError: null,
        }),
      ]),
    );
    expect((await coord.get('/v1/projections')).status).toBe(403);
    expect(
      (await api.as({ sub: 'fm', role: 'fidelity_monitor', districtId: 'd1' }).get('/v1/projections')).status,
    ).toBe(403);
    expect((await api.as(team(['sch-1'])).get('/v1/projections')).status).toBe(403);
    expect((await api.as(visitor('ana')).get('/v1/projections')).status).toBe(403);
  });
});

describe('when the read model cannot catch up within the wait', () => {
  let api: TestApi;
  beforeAll(async () => {
    // A process that does not run the projections (a worker would): its read model never moves.
    process.env.LEAP_PROJECTIONS = 'off';
    process.env.LEAP_MIN_POSITION_WAIT_MS = '200';
    try {
      api = await TestApi.start();
    } finally {
      delete process.env.LEAP_PROJECTIONS;
      delete process.env.LEAP_MIN_POSITION_WAIT_MS;
    }
  });
  afterAll(() => api.stop());

  it('answers 503 read_model_behind with Retry-After', async () => {
    const coord = api.as(coordinator());
    const written = await coord.post('/v1/cases', identifyBody());
    const started = Date.now();
    const read = await coord.get(`/v1/cases?minPosition=${written.body.position}`);
    expect([read.status, read.body.code]).toEqual([503, 'read_model_behind']);
    expect(read.headers.get('retry-after')).toBe('1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
