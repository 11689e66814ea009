import type { FidelityFacts, VisitFact } from './facts';
import type { Cut } from './cut';
import { count, share, Tally } from './metric';

const IN_PERSON = new Set(['home', 'school', 'community']);

interface CountedVisit {
  visit: VisitFact;
  barriers: Set<string>;
  strengths: Set<string>;
}

/**
 * The per-visit metrics and the home-visit log. A visit to several siblings is recorded on each
 * case with one `householdVisitId` and counts once here (its barriers and strengths are the union
 * of what each sibling's record coded).
 */
export class VisitCounts {
  private readonly byKey = new Map<string, CountedVisit>();

  constructor(
    private readonly facts: FidelityFacts,
    private readonly cut: Cut,
  ) {}

  add(visit: VisitFact): void {
    const seen = this.byKey.get(visit.key);
    if (!seen) {
      this.byKey.set(visit.key, {
        visit,
        barriers: new Set(visit.barriers),
        strengths: new Set(visit.strengths),
      });
      return;
    }
    for (const barrier of visit.barriers) seen.barriers.add(barrier);
    for (const strength of visit.strengths) seen.strengths.add(strength);
  }

  metrics() {
    let inPerson = 0;
    let pair = 0;
    let trained = 0;
    let schoolStaff = 0;
    let community = 0;
    const barriers = new Tally();
    const strengths = new Tally();
    for (const { visit, barriers: coded, strengths: codedStrengths } of this.byKey.values()) {
      if (IN_PERSON.has(visit.location)) inPerson++;
      if (visit.pair) pair++;
      if (this.allTrained(visit)) trained++;
      const organizations = new Set(visit.visitorIds.map((id) => this.organizationOf(id)));
      if (organizations.has('school')) schoolStaff++;
      if (organizations.has('community')) community++;
      for (const barrier of coded) barriers.add(barrier);
      for (const strength of codedStrengths) strengths.add(strength);
    }
    const visits = this.byKey.size;
    return {
      visitsHeld: count(visits),
      inPersonShare: share(inPerson, visits),
      remoteShare: share(visits - inPerson, visits),
      pairShare: share(pair, visits),
      trainedVisitorsShare: share(trained, visits),
      schoolStaffShare: share(schoolStaff, visits),
      communityPartnerShare: share(community, visits),
      homeVisitLog: { visits, barriers: barriers.toObject(), strengths: strengths.toObject() },
    };
  }

  /** Every visitor of the visit had completed LEAP 101 on or before the visit's date. */
  private allTrained(visit: VisitFact): boolean {
    if (visit.visitorIds.length === 0) return false;
    return visit.visitorIds.every((id) => {
      const visitor = this.facts.visitors.get(id);
      return visitor?.leap101.some((t) => this.cut.known(t.at) && t.on <= visit.on) ?? false;
    });
  }

  private organizationOf(visitorId: string): string | null {
    const visitor = this.facts.visitors.get(visitorId);
    return visitor && this.cut.known(visitor.at) ? visitor.organization : null;
  }
}
