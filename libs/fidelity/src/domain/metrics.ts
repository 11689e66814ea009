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
 * The metrics of a scope and a cut, case by case: `add` each case, then read `metrics()`. The one
 * definition of every metric: `metricsOf`, series steps and export cells all go through it.
 */
export class MetricsAccumulator {
  private readonly cut: Cut;
  private readonly scope: ScopeFilter;
  private readonly cohorts: CohortCounts;
  private readonly visits: VisitCounts;
  private readonly entries: EntryCounts;

  constructor(
    private readonly facts: FidelityFacts,
    private readonly query: MetricsQuery,
    from?: MetricsAccumulator,
  ) {
    this.cut = new Cut(query);
    this.scope = new ScopeFilter(facts, query, this.cut);
    this.cohorts = new CohortCounts(this.cut, this.scope, from?.cohorts);
    this.visits = new VisitCounts(facts, this.cut, from?.visits);
    this.entries = new EntryCounts(facts, this.cut, this.scope, from?.entries);
  }

  /** A copy of what was added so far, to go on under another query (same scope, another end). */
  copyFor(query: MetricsQuery): MetricsAccumulator {
    return new MetricsAccumulator(this.facts, query, this);
  }

  add(c: CaseFacts): void {
    const cut = this.cut;
    // Nothing on a case is dated before its identification or recorded before it (decide refuses
    // earlier dates), so a case not yet identified at the cut has nothing that counts.
    if (!cut.happened(c.identified) || !this.scope.caseInScope(c)) return;
    this.cohorts.add(c);
    this.entries.add(c);
    for (const visit of c.visits)
      if (cut.countsInWindow(visit) && this.scope.school(visit.schoolId)) this.visits.add(visit);
  }

  metrics(): FidelityMetrics {
    return { ...this.cohorts.metrics(), ...this.visits.metrics(), ...this.entries.metrics() };
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
  const metrics = new MetricsAccumulator(facts, query);
  for (const c of cases) metrics.add(c);
  return metrics.metrics();
}
