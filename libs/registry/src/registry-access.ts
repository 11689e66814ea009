import { ForbiddenError, type Principal, type Role } from '@leap/auth';

/**
 * Who may change the registry. Reading it is open to every role within its scope: a state-wide
 * token sees every district, a district token its own (and, with `schoolIds`, those schools).
 * Anything outside the caller's scope answers 404 as if it did not exist.
 */
export const REGISTRY_EDITORS: readonly Role[] = ['admin', 'coordinator'];

export function requireRole(principal: Principal, roles: readonly Role[], action: string): void {
  if (!roles.includes(principal.role))
    throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not ${action}`);
}

/** Districts are registered by the state: an admin whose token names no district. */
export function requireStateWideAdmin(principal: Principal): void {
  if (principal.role !== 'admin' || principal.districtId !== null)
    throw new ForbiddenError('role_not_allowed', 'Only a state-wide admin registers districts');
}

/** A district-wide change (settings, schools) needs a token for the whole district, not some of its schools. */
export function requireDistrictWide(principal: Principal, districtId: string): void {
  if (principal.schoolIds !== null)
    throw new ForbiddenError('out_of_scope', `Your token covers only some schools of district ${districtId}`);
}

/** Whether a district is within the caller's scope. */
export const seesDistrict = (principal: Principal, districtId: string): boolean =>
  principal.districtId === null || principal.districtId === districtId;

/** Whether a school is within the caller's scope (its district being so). */
export const seesSchool = (principal: Principal, schoolId: string): boolean =>
  principal.schoolIds === null || principal.schoolIds.includes(schoolId);
