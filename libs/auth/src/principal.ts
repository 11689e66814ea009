/** The authenticated user behind a request, from the claims of their token. */
export const ROLES = [
  'home_visitor',
  'attendance_team',
  'coordinator',
  'fidelity_monitor',
  'state_analyst',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may hold a state-wide token (no `districtId` claim). */
export const STATE_WIDE_ROLES: readonly Role[] = ['state_analyst', 'admin'];

export interface Principal {
  /** The token's issuer (`iss`): logins of different issuers are different people even with one `sub`. */
  issuer: string;
  sub: string;
  name: string | null;
  role: Role;
  /** null only for state-wide `state_analyst` / `admin` tokens. */
  districtId: string | null;
  /** null: every school of the district. */
  schoolIds: string[] | null;
}

/**
 * Whether a role reads families' personal data (names, contacts, notes, free text, real ids).
 * Fidelity monitors work on pseudonymous ids and coded fields; state analysts read aggregates only.
 */
export function seesPersonalData(role: Role): boolean {
  return role !== 'fidelity_monitor' && role !== 'state_analyst';
}

/** Whether the principal's district/school scope covers a record of that district and school. */
export function coversScope(principal: Principal, districtId: string, schoolId: string | null): boolean {
  if (principal.districtId !== null && principal.districtId !== districtId) return false;
  if (principal.schoolIds !== null && schoolId !== null && !principal.schoolIds.includes(schoolId))
    return false;
  return true;
}
