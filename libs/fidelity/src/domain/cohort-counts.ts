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
    let grant: (typeof c.decisions)[number] | undefined;
    let declined = false;
    for (const decision of c.decisions) {
      if (!cut.happened(decision)) continue;
      if (decision.decision === 'granted') grant ??= decision;
      else if (decision.decision === 'declined') declined = true;
    }
    if (firstOffer && cut.inWindow(firstOffer) && this.scope.school(firstOffer.schoolId)) {
      this.offered++;
      if (grant) this.granted++;
      if (declined) this.declined++;
    }
    if (grant && cut.inWindow(grant) && this.scope.school(grant.schoolId)) this.addConsented(c, grant.on);
  }

  private addConsented(c: CaseFacts, grantedOn: string): void {
    const cut = this.cut;
    this.consented++;
    if (c.decisions.some((d) => d.decision === 'withdrawn' && cut.happened(d))) this.withdrawn++;
    let held = 0;
    let first: VisitFact | undefined;
    for (const visit of c.visits) {
      if (!cut.counts(visit)) continue;
      held++;
      if (!first || visit.on < first.on) first = visit;
    }
    this.visits += held;
    if (held >= 2) this.twoOrMore++;
    for (const referral of c.referrals) if (cut.counts(referral)) this.referrals++;
    if (!first) return;
    this.daysToFirstVisit.push(daysBetween(grantedOn, first.on));
    this.served++;
    const firstOn = first.on;
    if (c.checks.some((check) => check.on >= firstOn && cut.counts(check))) this.checked++;
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
