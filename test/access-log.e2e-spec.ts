import { mintEmbeddedToken, type DevTokenClaims } from '@leap/auth';
import { accessStreamId } from '@leap/access-log';
import {
  dropQueueKeys,
  eventually,
  followUpTestEnv,
  onlyRules,
} from '../libs/follow-ups/src/testing/follow-up-test-env';
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

const D = 'd-acc';
const OTHER = 'd-acc2';
const STUDENT_ID = 'acc-student-7734';

type Entry = {
  entryId: string;
  at: string;
  actorId: string;
  actorRole: string;
  districtId: string;
  route: string;
  query: Record<string, string>;
  caseIds: string[];
  outcome: 'served' | 'refused';
};

/** The logins of the table: each of district D (the case's district) unless said otherwise. */
const LOGINS = {
  admin: { sub: 'acc-admin', role: 'admin', districtId: D },
  coordinator: { sub: 'acc-coord', role: 'coordinator', districtId: D },
  attendance_team: { sub: 'acc-team', role: 'attendance_team', districtId: D, schoolIds: ['sch-1'] },
  'home_visitor (assigned)': { sub: 'ben', role: 'home_visitor', districtId: D },
  'home_visitor (unassigned)': { sub: 'ana', role: 'home_visitor', districtId: D },
  fidelity_monitor: { sub: 'acc-fm', role: 'fidelity_monitor', districtId: D },
  state_analyst: { sub: 'acc-sa', role: 'state_analyst' },
} satisfies Record<string, DevTokenClaims>;
type Login = keyof typeof LOGINS;

/** What a login gets from a route: its status, and the access entry it leaves (none, or its outcome). */
type Expected = [status: number, entry: 'served' | 'refused' | null];

/**
 * Every route that returns personal data × every role. Fidelity monitors get pseudonyms only and
 * leave no entry; state analysts are refused before anything is read (403, no entry); a home visitor
 * no longer assigned gets 404 and leaves a `refused` entry; an empty page leaves none.
 */
const ROUTES: Record<string, { path: (caseId: string) => string; expect: Record<Login, Expected> }> = {
  'GET /v1/cases/:caseId': {
    path: (caseId) => `/v1/cases/${caseId}`,
    expect: {
      admin: [200, 'served'],
      coordinator: [200, 'served'],
      attendance_team: [200, 'served'],
      'home_visitor (assigned)': [200, 'served'],
      'home_visitor (unassigned)': [404, 'refused'],
      fidelity_monitor: [200, null],
      state_analyst: [403, null],
    },
  },
  'GET /v1/cases/:caseId/history': {
    path: (caseId) => `/v1/cases/${caseId}/history`,
    expect: {
      admin: [200, 'served'],
      coordinator: [200, 'served'],
      attendance_team: [200, 'served'],
      'home_visitor (assigned)': [200, 'served'],
      'home_visitor (unassigned)': [404, 'refused'],
      fidelity_monitor: [200, null],
      state_analyst: [403, null],
    },
  },
  'GET /v1/cases': {
    path: () => '/v1/cases?status=open',
    expect: {
      admin: [200, 'served'],
      coordinator: [200, 'served'],
      attendance_team: [200, 'served'],
      'home_visitor (assigned)': [200, 'served'],
      'home_visitor (unassigned)': [200, null],
      fidelity_monitor: [200, null],
      state_analyst: [403, null],
    },
  },
  'GET /v1/cases?q=': {
    path: () => `/v1/cases?q=${STUDENT_ID}`,
    expect: {
      admin: [200, 'served'],
      coordinator: [200, 'served'],
      attendance_team: [200, 'served'],
      'home_visitor (assigned)': [200, 'served'],
      'home_visitor (unassigned)': [200, null],
      fidelity_monitor: [403, null],
      state_analyst: [403, null],
    },
  },
  'GET /v1/worklists': {
    path: () => '/v1/worklists',
    expect: {
      admin: [200, 'served'],
      coordinator: [200, 'served'],
      attendance_team: [200, 'served'],
      'home_visitor (assigned)': [200, 'served'],
      'home_visitor (unassigned)': [200, null],
      fidelity_monitor: [200, null],
      state_analyst: [403, null],
    },
  },
};

describe('when personal data is read, the district’s access log records it', () => {
  let env: ReturnType<typeof followUpTestEnv>;
  let api: TestApi;
  let coord: Client;
  let stateAdmin: Client;
  let caseId: string;
  let otherCaseId: string;
  let latest = '0';

  const send = async (client: Client, path: string, body: unknown) => {
    const response = await client.post(path, body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    latest = response.body.position ?? latest;
    return response.body;
  };
  /** Every entry the state-wide admin sees (of one district, or all), oldest first. */
  const entries = async (query: Record<string, string> = {}): Promise<Entry[]> => {
    const response = await stateAdmin.get(
      `/v1/access-log?${new URLSearchParams({ limit: '200', ...query })}`,
    );
    expect(response.status).toBe(200);
    return response.body.items;
  };
  const withPosition = (path: string) =>
    path.startsWith('/v1/cases?') || path === '/v1/worklists'
      ? `${path}${path.includes('?') ? '&' : '?'}minPosition=${encodeURIComponent(latest)}`
      : path;

  beforeAll(async () => {
    env = followUpTestEnv();
    api = await TestApi.start({ registry: withDistricts(D, OTHER) });
    coord = api.as(coordinator(D));
    stateAdmin = api.as(STATE_ADMIN);
    await coord.send('PUT', `/v1/districts/${D}/follow-up-rules`, onlyRules({ offer_consent: 'PT1S' }), {});
    const anaId = await registerTrainedVisitor(coord, { districtId: D, subject: 'ana' });
    const benId = await registerTrainedVisitor(coord, { districtId: D, name: 'Ben Ortiz', subject: 'ben' });
    caseId = (await send(coord, '/v1/cases', identifyBody({ districtId: D, studentId: STUDENT_ID }))).caseId;
    await send(coord, `/v1/cases/${caseId}/visitor-assignments`, {
      visitorIds: [anaId],
      assignedOn: daysAgo(50),
    });
    // Ana is no longer assigned: from now on her reads of the family are refused.
    await send(coord, `/v1/cases/${caseId}/visitor-assignments`, {
      visitorIds: [benId],
      assignedOn: daysAgo(40),
    });
    otherCaseId = (await send(api.as(coordinator(OTHER)), '/v1/cases', identifyBody({ districtId: OTHER })))
      .caseId;
    await eventually(
      async () =>
        (await coord.get(`/v1/worklists?minPosition=${encodeURIComponent(latest)}`)).body.items?.length === 1,
      { what: 'the offer_consent follow-up of the case to be raised' },
    );
  });
  afterAll(async () => {
    await api.stop();
    await dropQueueKeys(env.redisUrl, env.prefix);
  });

  describe.each(Object.entries(ROUTES))('%s', (route, { path, expect: table }) => {
    it.each(Object.entries(table))('as %s answers %j', async (login, [status, outcome]) => {
      const claims = LOGINS[login as Login];
      const before = await entries();
      const response = await api.as(claims).get(withPosition(path(caseId)));
      expect(response.status).toBe(status);
      const added = (await entries()).slice(before.length);
      if (outcome === null) {
        expect(added).toEqual([]);
        return;
      }
      expect(added).toEqual([
        {
          entryId: expect.any(String),
          at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
          actorId: claims.sub,
          actorRole: claims.role,
          districtId: D,
          route: route.replace('?q=', ''),
          query: expect.any(Object),
          caseIds: [caseId],
          outcome,
        },
      ]);
    });
  });

  it('records a search with its query value redacted: no student id or name in the entry', async () => {
    const before = await entries();
    expect((await coord.get(`/v1/cases?q=Maya%20Lopez&status=open`)).body.items).toHaveLength(1);
    const [entry] = (await entries()).slice(before.length);
    expect(entry?.query).toEqual({ q: '[redacted]', status: 'open' });
    const all = JSON.stringify(await entries());
    for (const personal of [STUDENT_ID, 'Maya', 'Lopez', '1 Elm St']) expect(all).not.toContain(personal);
  });

  it('records a state-wide admin’s read in the case’s district, on the district’s stream of the day', async () => {
    const before = await entries({ districtId: D });
    expect((await stateAdmin.get(`/v1/cases/${caseId}`)).status).toBe(200);
    const [entry] = (await entries({ districtId: D })).slice(before.length);
    expect(entry).toMatchObject({ actorId: STATE_ADMIN.sub, districtId: D, caseIds: [caseId] });
    const store = api.openStore();
    try {
      const stream = await store.readStream(accessStreamId(D, new Date(entry!.at)));
      expect(stream.at(-1)).toMatchObject({ id: entry!.entryId, type: 'PersonalDataAccessed.v1' });
      const caseStreams = (await store.readAll()).filter(
        (event) => event.type === 'PersonalDataAccessed.v1' && !event.streamId.startsWith('access-'),
      );
      expect(caseStreams).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('shows a case’s accesses, refused attempts and entries of earlier versions in the per-case view', async () => {
    const store = api.openStore();
    try {
      await store.appendToStream(
        `caseaccess-${caseId}`,
        [
          {
            id: '00000000-0000-4000-8000-00000000acc1',
            type: 'CaseRecordAccessed.v1',
            data: { caseId, view: 'history' },
            metadata: {
              actorId: 'old-reader',
              actorRole: 'coordinator',
              districtId: D,
              schoolId: 'sch-1',
              recordedAt: '2020-01-01T00:00:00.000Z',
            },
          },
        ],
        'any',
      );
    } finally {
      await store.close();
    }
    await eventually(
      async () =>
        (await coord.get(`/v1/cases/${caseId}/access-log`)).body.accesses?.[0]?.actorId === 'old-reader',
      { what: 'the legacy access entry in the read model' },
    );
    const log = (await coord.get(`/v1/cases/${caseId}/access-log`)).body.accesses;
    expect(log[0]).toEqual({
      at: '2020-01-01T00:00:00.000Z',
      actorId: 'old-reader',
      actorRole: 'coordinator',
      route: 'GET /v1/cases/:caseId/history',
      outcome: 'served',
    });
    const seen = log.map(
      (a: { actorId: string; route: string; outcome: string }) => `${a.actorId} ${a.route} ${a.outcome}`,
    );
    expect(seen).toEqual(
      expect.arrayContaining([
        'ana GET /v1/cases/:caseId refused',
        'ben GET /v1/worklists served',
        'acc-team GET /v1/cases served',
      ]),
    );
  });

  it('pages the log with a cursor, each entry once, in time order', async () => {
    const all = await entries({ districtId: D });
    expect(all.length).toBeGreaterThan(20);
    const paged: Entry[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { limit: '7', ...(cursor ? { cursor } : {}) };
      const page = await coord.get(`/v1/access-log?${new URLSearchParams(query)}`);
      expect(page.status).toBe(200);
      paged.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(paged.map((e) => e.at)).toEqual([...paged.map((e) => e.at)].sort());
    const byCase = await coord.get(`/v1/access-log?caseId=${caseId}&actorId=ana`);
    expect(byCase.body.items.map((e: Entry) => e.outcome)).toEqual(['refused', 'refused']);
    const bad = await coord.get('/v1/access-log?cursor=nope');
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
  });

  it('scopes the log to the reader’s district and refuses other roles', async () => {
    const other = api.as(coordinator(OTHER));
    expect((await other.get(`/v1/cases/${otherCaseId}`)).status).toBe(200);
    const theirs = (await other.get('/v1/access-log?limit=200')).body.items as Entry[];
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((e) => e.districtId === OTHER && !e.caseIds.includes(caseId))).toBe(true);
    const ours = (await coord.get('/v1/access-log?limit=200')).body.items as Entry[];
    expect(ours.every((e) => e.districtId === D && !e.caseIds.includes(otherCaseId))).toBe(true);
    const named = await coord.get(`/v1/access-log?districtId=${OTHER}`);
    expect([named.status, named.body.code]).toEqual([403, 'out_of_scope']);
    expect((await stateAdmin.get(`/v1/access-log?districtId=${OTHER}&limit=200`)).body.items).toEqual(theirs);
    for (const login of ['attendance_team', 'home_visitor (assigned)', 'fidelity_monitor', 'state_analyst']) {
      const refused = await api.as(LOGINS[login as Login]).get('/v1/access-log');
      expect([login, refused.status, refused.body.code]).toEqual([login, 403, 'role_not_allowed']);
      const csv = await api.as(LOGINS[login as Login]).get('/v1/exports/access-log.csv');
      expect([login, csv.status]).toEqual([login, 403]);
    }
  });

  it('exports the district’s log as CSV for its privacy officer, with formula-safe cells', async () => {
    const sneaky = api.as({ sub: '=HYPERLINK("http://x","y")', role: 'coordinator', districtId: D });
    expect((await sneaky.get(`/v1/cases/${caseId}`)).status).toBe(200);
    const from = (await entries({ districtId: D }))[1]!.at;
    const token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), coordinator(D));
    const response = await fetch(
      `${api.baseUrl}/v1/exports/access-log.csv?from=${encodeURIComponent(from)}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toBe('at,actorId,actorRole,districtId,route,caseIds,students,outcome');
    const expected = await entries({ districtId: D, from });
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines[1]).toBe(
      [
        expected[0]!.at,
        expected[0]!.actorId,
        expected[0]!.actorRole,
        D,
        expected[0]!.route,
        expected[0]!.caseIds.join(' '),
        '',
        expected[0]!.outcome,
      ].join(','),
    );
    expect(lines.at(-1)).toBe(
      `${expected.at(-1)!.at},"'=HYPERLINK(""http://x"",""y"")",coordinator,${D},GET /v1/cases/:caseId,${caseId},,served`,
    );
  });
});
