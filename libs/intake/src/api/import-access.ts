import { ForbiddenError, type Principal } from '@leap/auth';
import { notFound, type ImportKind } from '@leap/domain';
import type { ImportStatus } from '../domain/import-status';

/**
 * Who may import what. Coordinators and admins import their district's files (a token for some
 * schools only may not: files are district-wide); a state-wide admin imports for any district, or
 * for the one `districtId` names. District profiles are the state's: state-wide admins only.
 * Answers the district the import is scoped to (null: every district).
 */
export function importScopeOf(
  principal: Principal,
  kind: ImportKind,
  districtId: string | undefined,
): string | null {
  if (principal.role !== 'admin' && principal.role !== 'coordinator')
    throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not import files`);
  if (kind === 'district-profile') {
    if (principal.role !== 'admin' || principal.districtId !== null)
      throw new ForbiddenError('role_not_allowed', 'Only a state-wide admin imports district profiles');
    return districtId ?? null;
  }
  if (principal.districtId === null) return districtId ?? null;
  if (districtId !== undefined && districtId !== principal.districtId)
    throw new ForbiddenError('out_of_scope', `Your token does not cover district ${districtId}`);
  if (principal.schoolIds !== null)
    throw new ForbiddenError(
      'out_of_scope',
      'Imports are district-wide: your token covers only some schools',
    );
  return principal.districtId;
}

/** An import is seen by the coordinators and admins of its district (state-wide admins see all); else 404. */
export function visibleImport(
  principal: Principal,
  status: ImportStatus | null,
  importId: string,
): ImportStatus {
  const allowed =
    status !== null &&
    (principal.role === 'admin' || principal.role === 'coordinator') &&
    (principal.districtId === null || principal.districtId === status.districtId);
  if (!allowed) throw notFound('import_not_found', `Import ${importId} not found`);
  return status;
}
