import { ForbiddenError, type Principal, type Role } from '@leap/auth';
import { notFound } from '@leap/domain';

/** Who reports a district's spending: its district-wide coordinators and admins (state-wide admins too). */
export const EXPENDITURE_REPORTERS: readonly Role[] = ['coordinator', 'admin'];
/** Who reads a district's reports: the reporters, its fidelity monitors, and state analysts. */
export const EXPENDITURE_READERS: readonly Role[] = [
  'coordinator',
  'admin',
  'fidelity_monitor',
  'state_analyst',
];

/**
 * A district's funding records, for a principal with one of `roles`: 403 `role_not_allowed` for
 * other roles; another district's answers 404 `district_not_found` exactly like a district that does
 * not exist, so a token learns nothing of districts outside its scope; a token limited to some
 * schools (a school coordinator) is 403 `out_of_scope`, spending being reported for the district.
 */
export function requireDistrictFunding(
  principal: Principal,
  districtId: string,
  roles: readonly Role[],
  action: string,
): void {
  if (!roles.includes(principal.role))
    throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not ${action}`);
  if (principal.districtId !== null && principal.districtId !== districtId)
    throw notFound('district_not_found', `District ${districtId} not found`);
  if (principal.schoolIds !== null)
    throw new ForbiddenError('out_of_scope', `Your token covers only some schools of district ${districtId}`);
}

/** Allocations are the state's: a state analyst or admin whose token names no district (`roles` narrows). */
export function requireStateWide(principal: Principal, roles: readonly Role[], action: string): void {
  if (principal.districtId !== null || !roles.includes(principal.role))
    throw new ForbiddenError('role_not_allowed', `Only a state-wide ${roles.join(' or ')} may ${action}`);
}
