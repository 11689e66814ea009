import type { Principal } from '@leap/auth';
import { accessLogCsvRow, csvCell } from './access-log-csv';
import { accessLogDistrictOf } from './access-log-scope';
import { accessedRouteOf, redactQuery } from './accessed-route';

const principal = (role: Principal['role'], districtId: string | null = 'd1'): Principal => ({
  issuer: 'test',
  sub: `${role}-1`,
  name: null,
  role,
  districtId,
  schoolIds: null,
});

describe('when a request that serves personal data is described for the access log', () => {
  it('keeps the route pattern and replaces searched values by [redacted]', () => {
    const request = {
      method: 'GET',
      baseUrl: '',
      route: { path: '/v1/cases' },
      query: { q: 'Maya Lopez', status: 'open', tier: ['a', 'b'] },
    };
    expect(accessedRouteOf(request as never)).toEqual({
      route: 'GET /v1/cases',
      query: { q: '[redacted]', status: 'open', tier: 'a,b' },
    });
    expect(redactQuery({})).toEqual({});
  });
});

describe('when someone asks for the access log', () => {
  it('gives coordinators and admins their district, and a state-wide admin any', () => {
    expect(accessLogDistrictOf(principal('coordinator'), undefined)).toBe('d1');
    expect(accessLogDistrictOf(principal('admin'), 'd1')).toBe('d1');
    expect(accessLogDistrictOf(principal('admin', null), undefined)).toBeNull();
    expect(accessLogDistrictOf(principal('admin', null), 'd7')).toBe('d7');
  });

  it('refuses another district as out of scope and other roles as not allowed', () => {
    expect(() => accessLogDistrictOf(principal('coordinator'), 'd2')).toThrow(
      expect.objectContaining({ code: 'out_of_scope' }),
    );
    for (const role of ['home_visitor', 'attendance_team', 'fidelity_monitor', 'state_analyst'] as const) {
      expect(() => accessLogDistrictOf(principal(role), undefined)).toThrow(
        expect.objectContaining({ code: 'role_not_allowed' }),
      );
    }
  });
});

describe('when the access log is written as CSV', () => {
  it('defuses cells a spreadsheet would run as formulas and quotes separators', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', 'plain'].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      'plain',
    ]);
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
  });

  it('writes one row per entry, case ids and students without a case separated by spaces', () => {
    const entry = {
      entryId: 'e1',
      at: '2026-05-04T12:00:00.000Z',
      actorId: 'coord',
      actorRole: 'coordinator',
      districtId: 'd1',
      route: 'GET /v1/cases',
      query: {},
      caseIds: ['c1', 'c2'],
      outcome: 'served' as const,
    };
    expect(accessLogCsvRow(entry)).toBe(
      '2026-05-04T12:00:00.000Z,coord,coordinator,d1,GET /v1/cases,c1 c2,,served\r\n',
    );
    expect(
      accessLogCsvRow({
        ...entry,
        route: 'GET /v1/identification-candidates',
        caseIds: [],
        students: ['stu_a', 'stu_b'],
      }),
    ).toBe(
      '2026-05-04T12:00:00.000Z,coord,coordinator,d1,GET /v1/identification-candidates,,stu_a stu_b,served\r\n',
    );
  });
});
