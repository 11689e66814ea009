import { parse } from 'csv-parse/sync';
import { mintEmbeddedToken, type DevTokenClaims } from '@leap/auth';
import { schoolYearOf } from '@leap/domain';
import { STATE_ADMIN, TEST_SECRET, TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, registerTrainedVisitor } from './support/journey-fixtures';

jest.setTimeout(120_000);

const X = 'd-exp';
const A = 'exp-a';
const B = 'exp-b';
/** Registry names are free text typed by admins: these would run as formulas in a spreadsheet. */
const DISTRICT_NAME = '=HYPERLINK("http://evil.example","Hartford")';
const SCHOOL_A_NAME = '-2+3 Lincoln';
const SCHOOL_B_NAME = '@SUM(1+1) Kennedy';
const VISIT_DATE = daysAgo(30);
const MONTH = VISIT_DATE.slice(0, 7);
const SCHOOL_YEAR = schoolYearOf(VISIT_DATE);

const ANALYST: DevTokenClaims = { sub: 'exp-analyst', role: 'state_analyst' };

/** Rows of a CSV answer, as objects by header. */
type Row = Record<string, string>;

describe('exports to the state', () => {
  let api: TestApi;
  let admin: Client;
  let coord: Client;

  /** GET as a login, the body as text (CSV) or parsed JSON. */
  async function get(claims: DevTokenClaims, path: string, headers: Record<string, string> = {}) {
    const token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), claims);
    const response = await fetch(`${api.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
    return { status: response.status, text, json, headers: response.headers };
  }
  const csvRows = (text: string): Row[] => parse(text, { columns: true }) as Row[];
  const find = (rows: Row[], metric: string, level: string, schoolId: string, period = MONTH) =>
    rows.find(
      (r) => r.metric === metric && r.level === level && r.schoolId === schoolId && r.period === period,
    )!;

  /** A consenting family of school `schoolId` with one held visit on VISIT_DATE. */
  async function visitedFamily(schoolId: string, location: string, visitorId: string): Promise<void> {
    const ok = (r: { status: number; body: unknown }, what: string) => {
      if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
      return r;
    };
    const identified = ok(
      await coord.post('/v1/cases', identifyBody({ districtId: X, schoolId, identifiedOn: daysAgo(40) })),
      'identify',
    );
    const caseId = (identified.body as { caseId: string }).caseId;
    ok(
      await coord.post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(35), channel: 'phone' }),
      'offer',
    );
    ok(
      await coord.post(`/v1/cases/${caseId}/consent-responses`, {
        respondedOn: daysAgo(34),
        decision: 'granted',
      }),
      'consent',
    );
    ok(
      await coord.post(`/v1/cases/${caseId}/visits`, {
        status: 'held',
        date: VISIT_DATE,
        location,
        visitorIds: [visitorId],
        familyWantsToContinue: true,
        barriers: ['transportation'],
      }),
      'visit',
    );
  }

  beforeAll(async () => {
    // A lower rule than Connecticut's, so a handful of families makes cells large enough to publish.
    process.env.LEAP_SUPPRESSION_MIN_NUMERATOR = '3';
    process.env.LEAP_SUPPRESSION_MIN_DENOMINATOR = '5';
    api = await TestApi.start();
    admin = api.as(STATE_ADMIN);
    const grades = ['6', '7', '8'];
    // In CREC with the seeded districts (no visits): alone in a region of its own, the district's
    // totals would equal the region's, and an empty region beside it would cost suppressions.
    expect(
      (
        await admin.post('/v1/districts', {
          districtId: X,
          name: DISTRICT_NAME,
          regionId: 'CREC',
          timeZone: 'America/New_York',
        })
      ).status,
    ).toBe(201);
    expect(
      (await admin.post(`/v1/districts/${X}/schools`, { schoolId: A, name: SCHOOL_A_NAME, grades })).status,
    ).toBe(201);
    expect(
      (await admin.post(`/v1/districts/${X}/schools`, { schoolId: B, name: SCHOOL_B_NAME, grades })).status,
    ).toBe(201);
    coord = api.as(coordinator(X));
    const visitor = await registerTrainedVisitor(coord, { districtId: X });
    // School A: 6 visits, 1 in person (small: suppressed). School B: 6 visits, 4 in person.
    for (let i = 0; i < 6; i++) await visitedFamily(A, i < 1 ? 'home' : 'virtual', visitor);
    for (let i = 0; i < 6; i++) await visitedFamily(B, i < 4 ? 'home' : 'phone', visitor);
  });
  afterAll(async () => {
    delete process.env.LEAP_SUPPRESSION_MIN_NUMERATOR;
    delete process.env.LEAP_SUPPRESSION_MIN_DENOMINATOR;
    await api.stop();
  });

  describe('when a state analyst takes the fidelity table', () => {
    let rows: Row[];
    let exportId: string;
    beforeAll(async () => {
      const response = await get(ANALYST, `/v1/exports/fidelity.csv?schoolYear=${SCHOOL_YEAR}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      exportId = response.headers.get('x-export-id')!;
      rows = csvRows(response.text);
    });

    it('publishes large cells as numbers, by school, district, region and state', () => {
      expect(find(rows, 'visitsHeld', 'school', A)).toMatchObject({ numerator: '6', denominator: '' });
      expect(find(rows, 'visitsHeld', 'school', B)).toMatchObject({ numerator: '6' });
      expect(
        rows.find(
          (r) =>
            r.metric === 'inPersonShare' &&
            r.level === 'district' &&
            r.districtId === X &&
            r.period === MONTH,
        ),
      ).toMatchObject({ numerator: '5', denominator: '12', rate: '0.4167' });
      expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['state', 'region', 'district', 'school']));
    });

    it('suppresses the small cell, and its complement so it cannot be subtracted out', () => {
      expect(find(rows, 'inPersonShare', 'school', A)).toMatchObject({
        numerator: 'suppressed',
        denominator: '6',
        rate: '',
      });
      // 4 of 6 is above the rule, but with the district's 5 published it would give school A away.
      expect(find(rows, 'inPersonShare', 'school', B)).toMatchObject({
        numerator: 'suppressed',
        denominator: '6',
      });
    });

    it('neutralises formulas in district and school names', () => {
      expect(find(rows, 'visitsHeld', 'school', A)).toMatchObject({
        districtName: `'${DISTRICT_NAME}`,
        schoolName: `'${SCHOOL_A_NAME}`,
      });
      expect(find(rows, 'visitsHeld', 'school', B).schoolName).toBe(`'${SCHOOL_B_NAME}`);
      expect(rows.some((r) => Object.values(r).some((cell) => /^[=+\-@\t\r]/.test(cell)))).toBe(false);
    });

    it('records the export: who, what, when, filters and row count', async () => {
      const store = api.openStore();
      try {
        const events = await store.readStream(`export-${exportId}`);
        expect(events.map((e) => e.type)).toEqual(['StateExportProduced.v1']);
        expect(events[0]!.data).toEqual({
          exportId,
          export: 'fidelity.csv',
          producedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          actorId: ANALYST.sub,
          actorRole: 'state_analyst',
          filters: { schoolYear: SCHOOL_YEAR, districtId: null },
          scope: null,
          rule: { minNumerator: 3, minDenominator: 5 },
          rowCount: rows.length,
          suppressedRows: rows.filter((r) => r.numerator === 'suppressed' || r.denominator === 'suppressed')
            .length,
        });
        expect(events[0]!.metadata).toMatchObject({ actorId: ANALYST.sub, actorRole: 'state_analyst' });
      } finally {
        await store.close();
      }
    });
  });

  describe('when an export is downloaded again', () => {
    it('records each download as an export of its own, even with the same Idempotency-Key', async () => {
      const path = `/v1/exports/home-visit-log.csv?schoolYear=${SCHOOL_YEAR}`;
      const first = await get(ANALYST, path, { 'Idempotency-Key': 'exp-1' });
      const second = await get(ANALYST, path, { 'Idempotency-Key': 'exp-1' });
      expect([first.status, second.status]).toEqual([200, 200]);
      const ids = [first.headers.get('x-export-id')!, second.headers.get('x-export-id')!];
      expect(new Set(ids).size).toBe(2);
      const store = api.openStore();
      try {
        for (const id of ids) {
          const [event] = await store.readStream(`export-${id}`);
          expect(event!.data).toMatchObject({ exportId: id, export: 'home-visit-log.csv' });
        }
      } finally {
        await store.close();
      }
    });
  });

  describe('when the same table is asked as JSON', () => {
    it('holds the same values, suppressed as null, with the rule and definitions', async () => {
      const response = await get(
        ANALYST,
        `/v1/exports/fidelity.json?schoolYear=${SCHOOL_YEAR}&districtId=${X}`,
      );
      expect(response.status).toBe(200);
      const { rule, rows, definitions, districtId } = response.json;
      expect({ rule, districtId }).toEqual({ rule: { minNumerator: 3, minDenominator: 5 }, districtId: X });
      expect(definitions.inPersonShare.label).toEqual(expect.any(String));
      const cell = (schoolId: string) =>
        rows.find((r: Row) => r.metric === 'inPersonShare' && r.schoolId === schoolId && r.period === MONTH);
      expect(cell(A)).toMatchObject({
        numerator: null,
        denominator: 6,
        rate: null,
        suppressed: true,
        schoolName: SCHOOL_A_NAME,
      });
      expect(new Set(rows.map((r: Row) => r.districtId))).toEqual(new Set([X]));
    });
  });

  describe('when the home-visit log is taken', () => {
    it('counts visits per barrier code over visits held, suppressed by the same rule', async () => {
      const response = await get(ANALYST, `/v1/exports/home-visit-log.csv?schoolYear=${SCHOOL_YEAR}`);
      expect(response.status).toBe(200);
      const rows = csvRows(response.text);
      const transport = rows.find(
        (r) =>
          r.kind === 'barrier' &&
          r.code === 'transportation' &&
          r.level === 'district' &&
          r.districtId === X &&
          r.period === MONTH,
      );
      expect(transport).toMatchObject({ visitsWithCode: '12', visitsHeld: '12', share: '1' });
      const housing = rows.find(
        (r) => r.kind === 'barrier' && r.code === 'housing' && r.schoolId === A && r.period === MONTH,
      );
      expect(housing).toMatchObject({ visitsWithCode: 'suppressed', visitsHeld: '6' });
    });
  });

  describe('who may take which rows', () => {
    it("gives a coordinator its district's rows and schools only", async () => {
      const response = await get(coordinator(X), `/v1/exports/fidelity.csv?schoolYear=${SCHOOL_YEAR}`);
      expect(response.status).toBe(200);
      const rows = csvRows(response.text);
      expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['district', 'school']));
      expect(new Set(rows.map((r) => r.districtId))).toEqual(new Set([X]));
      // The same suppression as the state's table: the district's rows are cut from it.
      expect(find(rows, 'inPersonShare', 'school', B).numerator).toBe('suppressed');
    });

    it("gives a token limited to some schools those schools' rows, without the district's totals", async () => {
      const claims: DevTokenClaims = { ...coordinator(X), schoolIds: [B] };
      const response = await get(claims, `/v1/exports/home-visit-log.csv?schoolYear=${SCHOOL_YEAR}`);
      expect(response.status).toBe(200);
      const rows = csvRows(response.text);
      expect(new Set(rows.map((r) => `${r.level} ${r.schoolId}`))).toEqual(new Set([`school ${B}`]));
    });

    it("answers 404 for another district's rows, as if it did not exist", async () => {
      const response = await get(coordinator('d1'), `/v1/exports/fidelity.csv?districtId=${X}`);
      expect(response.status).toBe(404);
      expect(response.json).toMatchObject({ code: 'district_not_found' });
      expect((await get(ANALYST, '/v1/exports/fidelity.json?districtId=nowhere')).status).toBe(404);
    });

    it.each([
      { sub: 'fm', role: 'fidelity_monitor', districtId: X },
      { sub: 'hv', role: 'home_visitor', districtId: X },
      { sub: 'team', role: 'attendance_team', districtId: X },
    ] as DevTokenClaims[])('refuses $role with 403', async (claims) => {
      const response = await get(claims, '/v1/exports/home-visit-log.csv');
      expect(response.status).toBe(403);
      expect(response.json).toMatchObject({ code: 'role_not_allowed' });
    });

    it('answers 400 naming every bad parameter, and takes no free cut', async () => {
      const response = await get(
        ANALYST,
        '/v1/exports/fidelity.csv?schoolYear=2026&districtId=-x&schoolId=a&from=2026-01-01',
      );
      expect(response.status).toBe(400);
      const paths = (response.json.errors as { path: string }[]).map((e) => e.path).sort();
      expect(paths).toEqual(['districtId', 'from', 'schoolId', 'schoolYear']);
    });
  });
});
