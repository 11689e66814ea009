import type { CaseFacts, FidelityFacts } from './facts';
import { Cut, type MetricsQuery } from './cut';
import type { Metric } from './metric';
import { CohortCounts } from './cohort-counts';
import { VisitCounts } from './visit-counts';
import { EntryCounts } from './entry-counts';

/** Every fidelity metric, as defined in `definitions.ts` (same names). */
export interface FidelityMetrics {
  studentsIdentified: Metric;
  offeredShare: Metric;
  daysIdentificationToOffer: Metric;
  consentGrantedRate: Metric;
  consentDeclinedRate: Metric;
  consentWithdrawnRate: Metric;
  daysConsentToFirstVisit: Metric;
  visitsPerConsentedFamily: Metric;
  twoOrMoreVisitsShare: Metric;
  attendanceCheckCoverage: Metric;
  referralsPerFamily: Metric;
  visitsHeld: Metric;
  inPersonShare: Metric;
  remoteShare: Metric;
  pairShare: Metric;
  trainedVisitorsShare: Metric;
  schoolStaffShare: Metric;
  communityPartnerShare: Metric;
  followUpCallsMade: Metric;
  callBetweenVisitsShare: Metric;
  referralsMade: Metric;
  referralOutcomeShare: Metric;
  referralConnectionRate: Metric;
  connectionRateByResourceType: Record<string, Metric>;
  connectionRateByPartner: Record<string, Metric>;
  followUpsOverdue: Metric;
  daysDueToFollowUpCompleted: Metric;
  homeVisitLog: { visits: number; barriers: Record<string, number>; strengths: Record<string, number> };
}

/**
 * Whether a fact of a case, recorded while the case was in `schoolId`, is in scope. Regions and
 * districts are the case's; schools are each fact's own (a transferred case counts where it was).
 */
export class ScopeFilter {
  constructor(
    private readonly facts: FidelityFacts,
    private readonly query: MetricsQuery,
    private readonly cut: Cut,
  ) {}

  caseInScope(c: CaseFacts): boolean {
    const { regionId, districtId } = this.query;
    if (districtId !== undefined && c.districtId !== districtId) return false;
    if (regionId === undefined) return true;
    const district = this.facts.districts.get(c.districtId);
    return district !== undefined && this.cut.known(district.at) && district.regionId === regionId;
  }

  school(schoolId: string): boolean {
    const { schoolId: only, schoolIds } = this.query;
    return (
      (only === undefined || only === schoolId) && (schoolIds === undefined || schoolIds.includes(schoolId))
    );
  }
}

/**
 * Every fidelity metric for a scope and a cut, from the facts alone. Pure: the projection's
 * answer, every replay, every step of a series and every export cell come from this function.
 * `cases` narrows the cases looked at (an index by school); it defaults to every case.
 */
export function metricsOf(
  facts: FidelityFacts,
  query: MetricsQuery,
  cases: Iterable<CaseFacts> = facts.cases.values(),
): FidelityMetrics {
  const cut = new Cut(query);
  const scope = new ScopeFilter(facts, query, cut);
  const cohorts = new CohortCounts(cut, scope);
  const visits = new VisitCounts(facts, cut);
  const entries = new EntryCounts(facts, cut, scope);
  for (const c of cases) {
    // Nothing on a case is dated before its identification or recorded before it (decide refuses
    // earlier dates), so a case not yet identified at the cut has nothing that counts.
    if (!cut.happened(c.identified) || !scope.caseInScope(c)) continue;
    cohorts.add(c);
    entries.add(c);
    for (const visit of c.visits)
      if (cut.countsInWindow(visit) && scope.school(visit.schoolId)) visits.add(visit);
  }
  return { ...cohorts.metrics(), ...visits.metrics(), ...entries.metrics() };
}
