import type { FidelityFacts, VisitFact } from './facts';
import type { Cut } from './cut';
import { count, share, Tally } from './metric';

const IN_PERSON = new Set(['home', 'school', 'community']);

interface CountedVisit {
  visit: VisitFact;
  barriers: readonly string[];
  strengths: readonly string[];
}

const union = (a: readonly string[], b: readonly string[]) =>
  b.every((x) => a.includes(x)) ? a : [...new Set([...a, ...b])];

/**
 * The per-visit metrics and the home-visit log. A visit to several siblings is recorded on each
 * case with one `householdVisitId` and counts once here (its barriers and strengths are the union
 * of what each sibling's record coded).
 */
export class VisitCounts {
  /** Visits of one case only (their key is unique by construction). */
  private readonly single: VisitFact[] = [];
  /** Household visits, by `householdVisitId`: one entry for all the siblings' records. */
  private readonly household = new Map<string, CountedVisit>();

  constructor(
    private readonly facts: FidelityFacts,
    private readonly cut: Cut,
  ) {}

  add(visit: VisitFact): void {
    if (!visit.key.startsWith('household:')) {
      this.single.push(visit);
      return;
    }
    const seen = this.household.get(visit.key);
    if (!seen) {
      this.household.set(visit.key, { visit, barriers: visit.barriers, strengths: visit.strengths });
      return;
    }
    seen.barriers = union(seen.barriers, visit.barriers);
    seen.strengths = union(seen.strengths, visit.strengths);
  }

  metrics() {
    let inPerson = 0;
    let pair = 0;
    let trained = 0;
    let schoolStaff = 0;
    let community = 0;
    const barriers = new Tally();
    const strengths = new Tally();
    const tally = (visit: VisitFact, coded: readonly string[], codedStrengths: readonly string[]) => {
      if (IN_PERSON.has(visit.location)) inPerson++;
      if (visit.pair) pair++;
      if (this.allTrained(visit)) trained++;
      let bySchool = false;
      let byCommunity = false;
      for (const id of visit.visitorIds) {
        const organization = this.organizationOf(id);
        if (organization === 'school') bySchool = true;
        else if (organization === 'community') byCommunity = true;
      }
      if (bySchool) schoolStaff++;
      if (byCommunity) community++;
      for (const barrier of coded) barriers.add(barrier);
      for (const strength of codedStrengths) strengths.add(strength);
    };
    for (const visit of this.single) tally(visit, visit.barriers, visit.strengths);
    for (const { visit, barriers: coded, strengths: codedStrengths } of this.household.values()) {
      tally(visit, coded, codedStrengths);
    }
    const visits = this.single.length + this.household.size;
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
