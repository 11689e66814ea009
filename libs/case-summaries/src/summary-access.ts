import { ForbiddenError, seesPersonalData, type Principal } from '@leap/auth';

/**
 * Who sees which summaries: the same rules as the case endpoints (`libs/cases` access rules).
 * District of the token; its `schoolIds` when present; a home visitor only cases whose assigned
 * visitors include their login `sub`; no PII for fidelity monitors; no case reads for state analysts.
 */
export interface SummaryScope {
  /** null: every district (state-wide admin). */
  districtId: string | null;
  /** null: every school of the district. */
  schoolIds: string[] | null;
  /** Set for home visitors: only cases assigned to this login subject. */
  assignedSubject: string | null;
  /** Whether names and real student ids may be shown and searched. */
  seesPii: boolean;
}

export function summaryScopeOf(principal: Principal): SummaryScope {
  if (principal.role === 'state_analyst') {
    throw new ForbiddenError('role_not_allowed', `Role ${principal.role} reads aggregates only`);
  }
  return {
    districtId: principal.districtId,
    schoolIds: principal.schoolIds,
    assignedSubject: principal.role === 'home_visitor' ? principal.sub : null,
    seesPii: seesPersonalData(principal.role),
  };
}
