import type { Principal, Role } from '@leap/auth';
import type { DistrictState } from '@leap/domain';
import { RequestValidationError } from '@leap/http';
import { timelineScopeOf } from './timeline-access';
import { typesProblem } from './timeline.dto';

const district = (districtId: string): DistrictState =>
  ({
    status: 'registered',
    districtId,
    name: `District ${districtId}`,
    regionId: 'CREC',
    timeZone: 'America/New_York',
    schools: [
      { schoolId: `${districtId}-a`, name: 'A', grades: ['7'] },
      { schoolId: `${districtId}-b`, name: 'B', grades: ['7'] },
    ],
  }) as unknown as DistrictState;
const registry = {
  district: async (districtId: string): Promise<DistrictState> =>
    districtId === 'nowhere' ? { status: 'none' } : district(districtId),
};
const login = (
  role: Role,
  districtId: string | null = 'd1',
  schoolIds: string[] | null = null,
): Principal => ({
  issuer: 'test',
  sub: 'someone',
  name: null,
  role,
  districtId,
  schoolIds,
});
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code?: string; violations?: unknown }) =>
      error instanceof RequestValidationError ? error.violations : error.code,
  );

describe('when a timeline request is scoped', () => {
  it('lets fidelity monitors, coordinators and admins read their own district, whole by default', async () => {
    for (const role of ['fidelity_monitor', 'coordinator', 'admin'] as const) {
      const scope = await timelineScopeOf(login(role), {}, registry);
      expect([scope.district.districtId, scope.schoolIds]).toEqual(['d1', null]);
    }
  });

  it('refuses state analysts and the roles that work cases, with role_not_allowed', async () => {
    for (const role of ['state_analyst', 'home_visitor', 'attendance_team'] as const) {
      expect(
        await refusal(
          timelineScopeOf(
            login(role, role === 'state_analyst' ? null : 'd1'),
            { districtId: 'd1' },
            registry,
          ),
        ),
      ).toBe('role_not_allowed');
    }
  });

  it('answers another or an unknown district as not found', async () => {
    expect(await refusal(timelineScopeOf(login('fidelity_monitor'), { districtId: 'd2' }, registry))).toBe(
      'district_not_found',
    );
    expect(await refusal(timelineScopeOf(login('admin', null), { districtId: 'nowhere' }, registry))).toBe(
      'district_not_found',
    );
  });

  it('asks a state-wide admin to name the district', async () => {
    expect(await refusal(timelineScopeOf(login('admin', null), {}, registry))).toEqual([
      { path: 'districtId', reason: 'districtId is required with a state-wide token' },
    ]);
    expect(
      (await timelineScopeOf(login('admin', null), { districtId: 'd3' }, registry)).district.districtId,
    ).toBe('d3');
  });

  it('keeps a token for some schools to those, and a school to its district', async () => {
    const some = login('fidelity_monitor', 'd1', ['d1-b']);
    expect((await timelineScopeOf(some, {}, registry)).schoolIds).toEqual(['d1-b']);
    expect((await timelineScopeOf(some, { schoolId: 'd1-b' }, registry)).schoolIds).toEqual(['d1-b']);
    expect(await refusal(timelineScopeOf(some, { schoolId: 'd1-a' }, registry))).toBe('school_not_found');
    expect(await refusal(timelineScopeOf(login('coordinator'), { schoolId: 'd2-a' }, registry))).toBe(
      'school_not_found',
    );
  });
});

describe('when a types list is checked', () => {
  it('takes current event types, comma-separated, spaces allowed', () => {
    expect(typesProblem('VisitHeld.v2, AttendanceChecked.v1,VisitorTrainingCompleted.v1')).toBeNull();
  });

  it('names every unknown type, legacy versions included, and refuses empty names and repeated parameters', () => {
    expect(typesProblem('VisitHeld.v1,Nope.v1,VisitHeld.v2')).toMatch(
      /^names unknown event types: VisitHeld\.v1, Nope\.v1 \(known: /,
    );
    expect(typesProblem('VisitHeld.v2,')).toBe('must not name an empty event type');
    expect(typesProblem(['VisitHeld.v2', 'ConsentGranted.v1'])).toBe(
      'must be one comma-separated list of event types',
    );
  });
});
