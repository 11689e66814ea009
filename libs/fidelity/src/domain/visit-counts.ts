import type { FidelityFacts, VisitFact } from './facts';
import type { Cut } from './cut';
import { count, share, Tally } from './metric';

const IN_PERSON = new Set(['home', 'school', 'community']);

/** A household visit counted so far: the codes its siblings' records coded, each tallied once. */
interface HouseholdVisit {
  barriers: readonly string[];
  strengths: readonly string[];
}

/**
 * The per-visit metrics and the home-visit log, tallied as visits are added. A visit to several
 * siblings is recorded on each case with one `householdVisitId` and counts once here (where, who
 * and how from the first record added; its barriers and strengths are the union of what each
 * sibling's record coded). A visit's contribution depends on the cut's `knownAt` only (never on
 * its end), so a copy can go on under a later end.
 */
export class VisitCounts {
  private visits = 0;
  private inPerson = 0;
  private pair = 0;
  private trained = 0;
  private schoolStaff = 0;
  private community = 0;
  private readonly barriers: Tally;
  private readonly strengths: Tally;
  /** Household visits, by `householdVisitId`: one entry for all the siblings' records. */
  private readonly household: Map<string, HouseholdVisit>;

  /** `from`: counts so far to go on from (copied, never changed). */
  constructor(
    private readonly facts: FidelityFacts,
    private readonly cut: Cut,
    from?: VisitCounts,
  ) {
    this.barriers = new Tally(from?.barriers);
    this.strengths = new Tally(from?.strengths);
    this.household = new Map(from?.household);
    if (!from) return;
    this.visits = from.visits;
    this.inPerson = from.inPerson;
    this.pair = from.pair;
    this.trained = from.trained;
    this.schoolStaff = from.schoolStaff;
    this.community = from.community;
  }

  add(visit: VisitFact): void {
    if (!visit.key.startsWith('household:')) {
      this.tally(visit);
      this.codes(visit.barriers, visit.strengths);
      return;
    }
    const seen = this.household.get(visit.key);
    if (!seen) {
      this.household.set(visit.key, { barriers: visit.barriers, strengths: visit.strengths });
      this.tally(visit);
      this.codes(visit.barriers, visit.strengths);
      return;
    }
    // Entries are replaced, never changed: a copy shares them safely.
    const barriers = visit.barriers.filter((code) => !seen.barriers.includes(code));
    const strengths = visit.strengths.filter((code) => !seen.strengths.includes(code));
    if (barriers.length === 0 && strengths.length === 0) return;
    this.household.set(visit.key, {
      barriers: [...seen.barriers, ...barriers],
      strengths: [...seen.strengths, ...strengths],
    });
    this.codes(barriers, strengths);
  }

  private tally(visit: VisitFact): void {
    this.visits++;
    if (IN_PERSON.has(visit.location)) this.inPerson++;
    if (visit.pair) this.pair++;
    if (this.allTrained(visit)) this.trained++;
    let bySchool = false;
    let byCommunity = false;
    for (const id of visit.visitorIds) {
      const organization = this.organizationOf(id);
      if (organization === 'school') bySchool = true;
      else if (organization === 'community') byCommunity = true;
    }
    if (bySchool) this.schoolStaff++;
    if (byCommunity) this.community++;
  }

  /** Codes are tallied once per visit (a record may repeat a code its sibling's record coded). */
  private codes(barriers: readonly string[], strengths: readonly string[]): void {
    for (const barrier of new Set(barriers)) this.barriers.add(barrier);
    for (const strength of new Set(strengths)) this.strengths.add(strength);
  }

  metrics() {
    const visits = this.visits;
    return {
      visitsHeld: count(visits),
      inPersonShare: share(this.inPerson, visits),
      remoteShare: share(visits - this.inPerson, visits),
      pairShare: share(this.pair, visits),
      trainedVisitorsShare: share(this.trained, visits),
      schoolStaffShare: share(this.schoolStaff, visits),
      communityPartnerShare: share(this.community, visits),
      homeVisitLog: {
        visits,
        barriers: this.barriers.toObject(),
        strengths: this.strengths.toObject(),
      },
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
