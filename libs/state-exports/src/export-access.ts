import { ForbiddenError, type Principal, type Role } from '@leap/auth';
import { notFound } from '@leap/domain';
import type { RowScope } from './tables/export-table';

/** Who takes state exports: state analysts and admins (state-wide or their district), coordinators (their district). */
export const EXPORT_READERS: readonly Role[] = ['state_analyst', 'admin', 'coordinator'];

/**
 * Whose rows a request gets. Other roles: 403 `role_not_allowed`. A state-wide token gets the
 * whole state, or one registered district with `districtId` (404 `district_not_found` for any
 * other); a district token gets its own district (and schools), and naming any other district is
 * 404 `district_not_found`, as if it did not exist. Either way the rows are cut from the one
 * state-wide suppressed table: `districtId` filters rows, it never changes what is suppressed.
 */
export function exportScopeOf(
  principal: Principal,
  requested: string | undefined,
  registered: ReadonlySet<string>,
): RowScope | null {
  if (!EXPORT_READERS.includes(principal.role)) {
    throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not take state exports`);
  }
  const districtId = principal.districtId ?? requested;
  if (requested !== undefined && (requested !== districtId || !registered.has(requested))) {
    throw notFound('district_not_found', `District ${requested} not found`);
  }
  if (districtId === undefined) return null;
  return { districtId, schoolIds: principal.districtId === null ? null : principal.schoolIds };
}
