import type { CaseFacts, FidelityFacts, FollowUpFact, ReferralFact, VisitFact } from './facts';
import { businessDateAt, daysBetween, type Cut } from './cut';
import { count, medianDays, share, Tally, type Metric } from './metric';
import type { ScopeFilter } from './metrics';

const NO_PARTNER = 'none';

/**
 * Metrics of entries dated in the window (follow-up calls, referrals) and of follow-ups falling due
 * in it. Entries count where the case was (their own school) when they were recorded.
 */
export class EntryCounts {
  private calls = 0;
  private gaps = 0;
  private gapsWithCall = 0;
  private referrals = 0;
  private withOutcome = 0;
  private connected = 0;
  private readonly byType = { all: new Tally(), connected: new Tally() };
  private readonly byPartner = { all: new Tally(), connected: new Tally() };
  private due = 0;
  private overdue = 0;
  private readonly daysToComplete: number[] = [];

  constructor(
    private readonly facts: FidelityFacts,
    private readonly cut: Cut,
    private readonly scope: ScopeFilter,
  ) {}

  add(c: CaseFacts): void {
    const cut = this.cut;
    for (const call of c.calls) {
      if (cut.countsInWindow(call) && this.scope.school(call.schoolId)) this.calls++;
    }
    if (c.visits.length >= 2) this.addGaps(c);
    for (const referral of c.referrals) {
      if (cut.countsInWindow(referral) && this.scope.school(referral.schoolId)) this.addReferral(referral);
    }
    this.addFollowUps(c);
  }

  /** Intervals between the case's consecutive counted visits, and whether a call fell inside. */
  private addGaps(c: CaseFacts): void {
    const cut = this.cut;
    const calls = c.calls.filter((call) => cut.counts(call));
    const visits = c.visits.filter((visit) => cut.counts(visit));
    if (!isSorted(visits)) visits.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    visits.forEach((after, i) => {
      const before = visits[i - 1];
      if (!before || before.on < cut.from || !this.scope.school(after.schoolId)) return;
      this.gaps++;
      if (calls.some((call) => call.on > before.on && call.on < after.on)) this.gapsWithCall++;
    });
  }

  private addReferral(referral: ReferralFact): void {
    const outcome = latestOutcome(referral, this.cut);
    const partner = referral.partnerId ?? NO_PARTNER;
    this.referrals++;
    this.byType.all.add(referral.resourceType);
    this.byPartner.all.add(partner);
    if (outcome) this.withOutcome++;
    if (outcome !== 'connected') return;
    this.connected++;
    this.byType.connected.add(referral.resourceType);
    this.byPartner.connected.add(partner);
  }

  private addFollowUps(c: CaseFacts): void {
    const timeZone = this.facts.districts.get(c.districtId)?.timeZone ?? 'UTC';
    for (const followUp of c.followUps) {
      const dueOn = dueDateOf(followUp, timeZone);
      if (!this.cut.inWindow({ on: dueOn, at: followUp.at }) || !this.scope.school(followUp.schoolId))
        continue;
      this.due++;
      const completed = followUp.completed;
      if (completed && this.cut.happened(completed))
        this.daysToComplete.push(daysBetween(dueOn, completed.on));
      else this.overdue++;
    }
  }

  metrics() {
    const rates = ({ all, connected }: { all: Tally; connected: Tally }): Record<string, Metric> =>
      Object.fromEntries(all.keys().map((key) => [key, share(connected.get(key), all.get(key))]));
    return {
      followUpCallsMade: count(this.calls),
      callBetweenVisitsShare: share(this.gapsWithCall, this.gaps),
      referralsMade: count(this.referrals),
      referralOutcomeShare: share(this.withOutcome, this.referrals),
      referralConnectionRate: share(this.connected, this.referrals),
      connectionRateByResourceType: rates(this.byType),
      connectionRateByPartner: rates(this.byPartner),
      followUpsOverdue: share(this.overdue, this.due),
      daysDueToFollowUpCompleted: medianDays(this.daysToComplete),
    };
  }
}

function latestOutcome(referral: ReferralFact, cut: Cut): string | undefined {
  for (let i = referral.outcomes.length - 1; i >= 0; i--) {
    const recorded = referral.outcomes[i];
    if (recorded && cut.happened(recorded)) return recorded.outcome;
  }
  return undefined;
}

const isSorted = (visits: VisitFact[]) =>
  visits.every((visit, i) => i === 0 || (visits[i - 1] as VisitFact).on <= visit.on);

/** A follow-up's due date in its district's zone, remembered per fact (facts are never mutated). */
const dueDates = new WeakMap<FollowUpFact, { timeZone: string; on: string }>();
function dueDateOf(followUp: FollowUpFact, timeZone: string): string {
  const known = dueDates.get(followUp);
  if (known?.timeZone === timeZone) return known.on;
  const on = businessDateAt(followUp.dueAt, timeZone);
  dueDates.set(followUp, { timeZone, on });
  return on;
}
