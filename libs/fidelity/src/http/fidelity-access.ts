import { ForbiddenError, type Principal, type Role } from '@leap/auth';
import { notFound } from '@leap/domain';
import type { FidelityFacts } from '../domain/facts';
import type { MetricsScope } from '../domain/cut';

/**
 * Who reads fidelity metrics: fidelity monitors and coordinators for their district (a
 * school-scoped token only its schools), admins for any scope. State analysts get no free cuts,
 * only the fixed, suppressed export tables, so no two answers can be subtracted to reveal a cell.
 */
export const FIDELITY_READERS: readonly Role[] = ['fidelity_monitor', 'coordinator', 'admin'];

export interface RequestedScope {
  regionId?: string;
  districtId?: string;
  schoolId?: string;
}

export function requireFidelityReader(principal: Principal): void {
  if (FIDELITY_READERS.includes(principal.role)) return;
  const why =
    principal.role === 'state_analyst' ? 'reads the state exports only' : 'does not read fidelity metrics';
  throw new ForbiddenError('role_not_allowed', `Role ${principal.role} ${why}`);
}

/** The district the facts are read for: the token's, or the one asked by a state-wide token (null: all). */
export function districtToRead(principal: Principal, requested: RequestedScope): string | null {
  return principal.districtId ?? requested.districtId ?? null;
}

/**
 * The scope the metrics are computed for, checked against the registry facts. Whatever lies
 * outside the token's scope answers 404 like something that does not exist, so nothing leaks.
 */
export function scopeOf(principal: Principal, requested: RequestedScope, facts: FidelityFacts): MetricsScope {
  const { regionId, schoolId } = requested;
  const districtId = principal.districtId ?? requested.districtId;
  if (requested.districtId !== undefined && districtId !== requested.districtId)
    throw districtNotFound(requested.districtId);
  const district = districtId === undefined ? undefined : facts.districts.get(districtId);
  if (districtId !== undefined && !district) throw districtNotFound(districtId);
  const districts = [...facts.districts.values()].filter((d) => district === undefined || d === district);
  if (regionId !== undefined && !districts.some((d) => d.regionId === regionId)) {
    throw notFound('region_not_found', `No region ${regionId} in scope`);
  }
  if (schoolId !== undefined) {
    const inRegistry = districts.some(
      (d) =>
        (regionId === undefined || d.regionId === regionId) && d.schools.some((s) => s.schoolId === schoolId),
    );
    const inToken = principal.schoolIds === null || principal.schoolIds.includes(schoolId);
    if (!inRegistry || !inToken) throw notFound('school_not_found', `No school ${schoolId} in scope`);
  }
  return {
    ...(regionId !== undefined ? { regionId } : {}),
    ...(districtId !== undefined ? { districtId } : {}),
    ...(schoolId !== undefined ? { schoolId } : {}),
    ...(principal.schoolIds !== null ? { schoolIds: principal.schoolIds } : {}),
  };
}

const districtNotFound = (districtId: string) =>
  notFound('district_not_found', `No district ${districtId} in scope`);
