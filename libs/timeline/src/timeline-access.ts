import { coversScope, ForbiddenError, type Principal, type Role } from '@leap/auth';
import { notFound, type RegisteredDistrict } from '@leap/domain';
import { RequestValidationError } from '@leap/http';
import type { RegistryReader } from '@leap/registry';

/**
 * Who reads the program timeline: fidelity monitors, coordinators and admins. State analysts read
 * aggregates only (suppressed exports), never event-level data, so they are refused like every
 * other role: 403 `role_not_allowed`.
 */
export const TIMELINE_READERS: readonly Role[] = ['fidelity_monitor', 'coordinator', 'admin'];

/** The district and schools a timeline request may show. */
export interface TimelineScope {
  district: RegisteredDistrict;
  /** null: the whole district; else these schools only. */
  schoolIds: readonly string[] | null;
}

/**
 * The scope of a request, or why it has none: a district token reads its own district (naming
 * another is 404 `district_not_found`, as if it did not exist); a token for some schools reads those;
 * a `schoolId` outside the token's schools or the district is 404 `school_not_found`.
 */
export async function timelineScopeOf(
  principal: Principal,
  query: { districtId?: string; schoolId?: string },
  registry: Pick<RegistryReader, 'district'>,
): Promise<TimelineScope> {
  if (!TIMELINE_READERS.includes(principal.role)) {
    throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not read the program timeline`);
  }
  const districtId = query.districtId ?? principal.districtId;
  if (districtId === null) {
    throw new RequestValidationError([
      { path: 'districtId', reason: 'districtId is required with a state-wide token' },
    ]);
  }
  const state = coversScope(principal, districtId, null) ? await registry.district(districtId) : null;
  if (state === null || state.status === 'none') {
    throw notFound('district_not_found', `District ${districtId} not found`);
  }
  if (query.schoolId === undefined) return { district: state, schoolIds: principal.schoolIds };
  const schoolId = query.schoolId;
  if (
    !state.schools.some((school) => school.schoolId === schoolId) ||
    !coversScope(principal, districtId, schoolId)
  ) {
    throw notFound('school_not_found', `School ${schoolId} not found in district ${districtId}`);
  }
  return { district: state, schoolIds: [schoolId] };
}
