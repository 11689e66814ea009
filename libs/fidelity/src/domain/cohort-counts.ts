import type { CaseFacts, VisitFact } from './facts';
import { daysBetween, type Cut } from './cut';
import { count, medianDays, ratio, share } from './metric';
import type { ScopeFilter } from './metrics';

/**
 * The per-family metrics. Each follows a cohort: students identified in the window, families
 * first offered visits in the window, families that first granted consent in the window; what
 * happened to the cohort counts up to the cut's end. A family is one student's case.
 */
export class CohortCounts {
  private identified = 0;
  private offeredAfterIdentification = 0;
  private readonly daysToOffer: number[] = [];
  private offered = 0;
  private granted = 0;
  private declined = 0;
  private withdrawn = 0;
  private consented = 0;
  private readonly daysToFirstVisit: number[] = [];
  private visits = 0;
  private twoOrMore = 0;
  private served = 0;
  private checked = 0;
  private referrals = 0;

  constructor(
    private readonly cut: Cut,
    private readonly scope: ScopeFilter,
  ) {}

  add(c: CaseFacts): void {
    const cut = this.cut;
    const firstOffer = c.offers.find((offer) => cut.happened(offer));
    if (cut.inWindow(c.identified) && this.scope.school(c.identified.schoolId)) {
      this.identified++;
      if (firstOffer) {
        this.offeredAfterIdentification++;
        this.daysToOffer.push(daysBetween(c.identified.on, firstOffer.on));
      }
    }
    const decisions = c.decisions.filter((decision) => cut.happened(decision));
    if (firstOffer && cut.inWindow(firstOffer) && this.scope.school(firstOffer.schoolId)) {
      this.offered++;
      const decided = new Set(decisions.map((d) => d.decision));
      if (decided.has('granted')) this.granted++;
      if (decided.has('declined')) this.declined++;
    }
    const grant = decisions.find((decision) => decision.decision === 'granted');
    if (grant && cut.inWindow(grant) && this.scope.school(grant.schoolId)) this.addConsented(c, grant.on);
  }

  private addConsented(c: CaseFacts, grantedOn: string): void {
    const cut = this.cut;
    this.consented++;
    if (c.decisions.some((d) => d.decision === 'withdrawn' && cut.happened(d))) this.withdrawn++;
    const held = c.visits.filter((visit) => cut.counts(visit));
    this.visits += held.length;
    if (held.length >= 2) this.twoOrMore++;
    this.referrals += c.referrals.filter((referral) => cut.counts(referral)).length;
    const first = firstVisit(held);
    if (!first) return;
    this.daysToFirstVisit.push(daysBetween(grantedOn, first.on));
    this.served++;
    if (c.checks.some((check) => cut.counts(check) && check.on >= first.on)) this.checked++;
  }

  metrics() {
    return {
      studentsIdentified: count(this.identified),
      offeredShare: share(this.offeredAfterIdentification, this.identified),
      daysIdentificationToOffer: medianDays(this.daysToOffer),
      consentGrantedRate: share(this.granted, this.offered),
      consentDeclinedRate: share(this.declined, this.offered),
      consentWithdrawnRate: share(this.withdrawn, this.consented),
      daysConsentToFirstVisit: medianDays(this.daysToFirstVisit),
      visitsPerConsentedFamily: ratio(this.visits, this.consented),
      twoOrMoreVisitsShare: share(this.twoOrMore, this.consented),
      attendanceCheckCoverage: share(this.checked, this.served),
      referralsPerFamily: ratio(this.referrals, this.consented),
    };
  }
}

function firstVisit(visits: VisitFact[]): VisitFact | undefined {
  let first: VisitFact | undefined;
  for (const visit of visits) if (!first || visit.on < first.on) first = visit;
  return first;
}
