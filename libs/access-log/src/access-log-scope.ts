import { ForbiddenError, type Principal } from '@leap/auth';

/**
 * Who reads the access log: coordinators and admins, of their token's district only; a state-wide
 * admin reads every district, or the one it names. Everyone else is 403 `role_not_allowed`; a
 * district-scoped reader naming another district is 403 `out_of_scope`.
 * Returns the district to read (null: every district).
 */
export function accessLogDistrictOf(principal: Principal, requested: string | undefined): string | null {
  if (principal.role !== 'coordinator' && principal.role !== 'admin') {
    throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not read the access log`);
  }
  if (principal.districtId === null) return requested ?? null;
  if (requested !== undefined && requested !== principal.districtId) {
    throw new ForbiddenError('out_of_scope', `The access log of district ${requested} is out of scope`);
  }
  return principal.districtId;
}
