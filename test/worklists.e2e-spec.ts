import { WORKLIST_CLOCK, type WorklistClock } from '@leap/worklists';
import {
  dropQueueKeys,
  eventually,
  followUpTestEnv,
  onlyRules,
} from '../libs/follow-ups/src/testing/follow-up-test-env';
import { TestApi, coordinator, withDistricts, type Client } from './support/harness';
import { daysAgo, identifyBody, nextStudentId, registerTrainedVisitor } from './support/journey-fixtures';

type Item = { followUpId: string; caseId: string; state: string; overdue: boolean; [field: string]: unknown };
type Role = 'attendance_team' | 'home_visitor' | 'fidelity_monitor';

jest.setTimeout(30_000);

const DISTRICT = 'd-wl';
const DAY_MS = 86_400_000;
/** The state student id of the at-risk case: what roles that see personal data read on its item. */
const AT_RISK_STUDENT = nextStudentId();

describe('when attendance teams work follow-ups from the worklist', () => {
  let env: ReturnType<typeof followUpTestEnv>;
  let api: TestApi;
  let coord: Client;
  /** The latest position any command answered: every list waits for it (read-your-writes). */
  let latest = '0';
  const cases = {} as Record<'atRisk' | 'severe' | 'chronic' | 'otherSchool' | 'otherDistrict', string>;
  const user = (sub: string, role: Role, schoolIds?: string[]) =>
    api.as({ sub, role, districtId: DISTRICT, ...(schoolIds ? { schoolIds } : {}) });
  const team = (sub = 'team-a', schoolIds = ['sch-1']) => user(sub, 'attendance_team', schoolIds);

  const send = async (client: Client, path: string, body: unknown) => {
    const response = await client.post(path, body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    latest = response.body.position ?? latest;
    return response.body;
  };
  const list = (client: Client, query: Record<string, string> = {}) =>
    client.get(`/v1/worklists?${new URLSearchParams({ minPosition: latest, ...query })}`);
  const items = async (client: Client, query: Record<string, string> = {}): Promise<Item[]> => {
    const response = await list(client, query);
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body.items;
  };
  const casesOf = async (client: Client, query: Record<string, string> = {}) =>
    (await items(client, query)).map((item) => item.caseId);
  const itemOf = async (caseId: string) => (await items(coord)).find((item) => item.caseId === caseId)!;
  const action = async (caseId: string, verb: string, body?: unknown, client = team()) =>
    send(client, `/v1/cases/${caseId}/follow-ups/${(await itemOf(caseId)).followUpId}/${verb}`, body);
  const identify = async (client: Client, daysAbsent: number, overrides: Record<string, unknown> = {}) => {
    const baseline = { asOf: daysAgo(61), daysEnrolled: 20, daysAbsent };
    return (await send(client, '/v1/cases', identifyBody({ districtId: DISTRICT, baseline, ...overrides })))
      .caseId as string;
  };

  beforeAll(async () => {
    env = followUpTestEnv();
    api = await TestApi.start({ registry: withDistricts(DISTRICT, 'd-wl2') });
    coord = api.as(coordinator(DISTRICT));
    const otherCoord = api.as(coordinator('d-wl2'));
    for (const [client, district] of [
      [coord, DISTRICT],
      [otherCoord, 'd-wl2'],
    ] as const) {
      await client.send(
        'PUT',
        `/v1/districts/${district}/follow-up-rules`,
        onlyRules({ offer_consent: 'PT1S' }),
        {},
      );
    }
    const anaId = await registerTrainedVisitor(coord, { districtId: DISTRICT, subject: 'ana' });
    // Identified first, so its item falls due first: 1/20 days absent is at risk.
    cases.atRisk = await identify(coord, 1, {
      schoolId: 'sch-1',
      studentId: AT_RISK_STUDENT,
      pii: { studentName: 'Ada Risk' },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    cases.severe = await identify(coord, 5, { schoolId: 'sch-1' });
    cases.chronic = await identify(coord, 3, { schoolId: 'sch-1' });
    await send(coord, `/v1/cases/${cases.chronic}/visitor-assignments`, {
      visitorIds: [anaId],
      assignedOn: daysAgo(59),
    });
    cases.otherSchool = await identify(coord, 3, { schoolId: 'sch-2' });
    cases.otherDistrict = await identify(otherCoord, 5, { districtId: 'd-wl2', schoolId: 'sch-1' });
    await eventually(
      async () => (await items(coord)).length === 4 && (await items(otherCoord)).length === 1,
      {
        what: 'the five offer_consent follow-ups to be raised',
      },
    );
  });
  afterAll(async () => {
    await api.stop();
    await dropQueueKeys(env.redisUrl, env.prefix);
  });

  it('lists a school’s raised follow-ups by severity, each saying why it exists and linking to its case', async () => {
    expect(await casesOf(team())).toEqual([cases.severe, cases.chronic, cases.atRisk]);
    const item = (await items(team())).find((i) => i.caseId === cases.atRisk)!;
    const history = (await coord.get(`/v1/cases/${cases.atRisk}/history`)).body.events;
    const raised = history.find((e: { type: string }) => e.type === 'FollowUpDue.v1');
    expect(item).toEqual({
      followUpId: raised.data.followUpId,
      caseId: cases.atRisk,
      candidateId: null,
      districtId: DISTRICT,
      schoolId: 'sch-1',
      studentId: AT_RISK_STUDENT,
      studentName: 'Ada Risk',
      tier: 'at_risk',
      rule: 'offer_consent',
      reason: expect.stringContaining('no consent offer within PT1S'),
      triggerEventId: raised.data.triggerEventId,
      raisedBy: { eventId: expect.any(String), revision: raised.revision },
      entryId: null,
      dueAt: raised.data.dueAt,
      state: 'open',
      snoozedUntil: null,
      overdue: false,
      overdueAt: new Date(Date.parse(raised.data.dueAt) + DAY_MS).toISOString(),
      assignee: null,
      links: expect.objectContaining({
        case: `/v1/cases/${cases.atRisk}`,
        history: `/v1/cases/${cases.atRisk}/history`,
      }),
    });
  });

  it('puts items open a day past their due time first, as overdue', async () => {
    const clock = api.app.get<WorklistClock>(WORKLIST_CLOCK);
    const dueAt = async (caseId: string) => Date.parse(String((await itemOf(caseId)).dueAt));
    // Just before the next item turns overdue: only the at-risk one (due first) is.
    const now = Math.min(await dueAt(cases.severe), await dueAt(cases.chronic)) + DAY_MS - 1;
    const spy = jest.spyOn(clock, 'now').mockReturnValue(new Date(now));
    try {
      const listed = await items(team());
      expect(listed.map((i) => [i.caseId, i.overdue])).toEqual([
        [cases.atRisk, true],
        [cases.severe, false],
        [cases.chronic, false],
      ]);
      expect(await casesOf(team(), { state: 'overdue' })).toEqual([cases.atRisk]);
    } finally {
      spy.mockRestore();
    }
  });

  it('pages through the worklist once, in order, with a cursor', async () => {
    const all = await casesOf(coord);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(coord, { limit: '1', ...(cursor ? { cursor } : {}) });
      seen.push(...page.body.items.map((item: Item) => item.caseId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('keeps to the district, the schools of the token and a home visitor’s own families', async () => {
    expect(await casesOf(coord)).not.toContain(cases.otherDistrict);
    expect(await casesOf(api.as(coordinator('d-wl2')))).toEqual([cases.otherDistrict]);
    expect(await casesOf(team('team-b', ['sch-2']))).toEqual([cases.otherSchool]);
    expect(await casesOf(team(), { schoolId: 'sch-2' })).toEqual([]);
    expect(await casesOf(coord, { schoolId: 'sch-2' })).toEqual([cases.otherSchool]);
    expect(await casesOf(user('ana', 'home_visitor'))).toEqual([cases.chronic]);
    expect(await casesOf(user('ben', 'home_visitor'))).toEqual([]);
  });

  it('shows fidelity monitors the items without student names, and refuses state analysts', async () => {
    const monitored = await items(user('fm', 'fidelity_monitor'));
    expect(monitored).toHaveLength(4);
    expect(monitored.some((item) => 'studentName' in item)).toBe(false);
    expect(monitored.every((item) => /^stu_[0-9a-f]{20}$/.test(String(item.studentId)))).toBe(true);
    const analyst = await list(api.as({ sub: 'sa', role: 'state_analyst' }));
    expect([analyst.status, analyst.body.code]).toEqual([403, 'role_not_allowed']);
  });

  it('re-ranks an item when an attendance check changes the case’s tier', async () => {
    await send(coord, `/v1/cases/${cases.chronic}/attendance-checks`, {
      asOf: daysAgo(1),
      daysEnrolled: 40,
      daysAbsent: 0,
    });
    expect(await casesOf(team())).toEqual([cases.severe, cases.atRisk, cases.chronic]);
  });

  it('shows a claimed item as mine, and a completed one nowhere', async () => {
    await action(cases.atRisk, 'claim');
    expect(await casesOf(team(), { assignee: 'me' })).toEqual([cases.atRisk]);
    expect(await casesOf(coord, { assignee: 'team-a' })).toEqual([cases.atRisk]);
    expect(await casesOf(team(), { assignee: 'unassigned' })).toEqual([cases.severe, cases.chronic]);
    // Fidelity monitors see who holds an item only as a pseudonym, never the login.
    const claimed = (await items(user('fm', 'fidelity_monitor'))).find(
      (item) => item.caseId === cases.atRisk,
    );
    expect(claimed?.assignee).toMatch(/^usr_[0-9a-f]{20}$/);
    await action(cases.atRisk, 'complete', { outcome: 'Offered visits by phone' });
    for (const state of ['open', 'overdue', 'snoozed']) {
      expect(await casesOf(coord, { state })).not.toContain(cases.atRisk);
    }
  });

  it('sets a snoozed item apart until the snooze ends, then lists it as open again', async () => {
    const until = new Date(Date.now() + 3_000).toISOString();
    await action(cases.chronic, 'snooze', { until });
    expect(
      (await items(team(), { state: 'snoozed' })).map((i) => [i.caseId, i.state, i.snoozedUntil]),
    ).toEqual([[cases.chronic, 'snoozed', until]]);
    expect(await casesOf(team())).toEqual([cases.severe]);
    const back = await eventually(async () => (await items(team())).find((i) => i.caseId === cases.chronic), {
      what: 'the snooze to end',
    });
    expect([back.state, back.overdue]).toEqual(['open', false]);
    expect(await casesOf(team(), { state: 'snoozed' })).toEqual([]);
  });

  it('drops an item once the action it waited for is recorded', async () => {
    await send(coord, `/v1/cases/${cases.severe}/consent-offers`, {
      offeredOn: daysAgo(0),
      channel: 'phone',
    });
    expect(await casesOf(team())).toEqual([cases.chronic]);
  });

  it('moves an item to the school a case is transferred to', async () => {
    await send(coord, `/v1/cases/${cases.otherSchool}/transfer`, {
      toSchoolId: 'sch-1',
      transferredOn: daysAgo(0),
    });
    expect(await casesOf(team())).toContain(cases.otherSchool);
    expect(await casesOf(team('team-b', ['sch-2']))).toEqual([]);
  });

  it('rejects invalid query parameters with their field paths (400)', async () => {
    const paths = async (query: string) => {
      const response = await coord.get(`/v1/worklists?${query}`);
      expect([response.status, response.body.code]).toEqual([400, 'validation_failed']);
      return response.body.errors.map((error: { path: string }) => error.path).sort();
    };
    expect(await paths('limit=0&state=closed')).toEqual(['limit', 'state']);
    expect(await paths('limit=201')).toEqual(['limit']);
    expect(await paths('assignee=')).toEqual(['assignee']);
    expect(await paths('schoolId=no%20spaces')).toEqual(['schoolId']);
    expect(await paths('sort=due')).toEqual(['sort']);
    expect(await paths('cursor=not-a-cursor')).toEqual(['cursor']);
    expect(await paths('minPosition=abc')).toEqual(['minPosition']);
  });
});
