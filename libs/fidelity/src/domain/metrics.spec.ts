import { CaseEvents, district, visitor } from '../testing/fidelity-events';
import { foldFacts } from './evolve-facts';
import { metricsOf } from './metrics';

/**
 * One district (region CREC, schools s1 and s2), three visitors, five cases:
 * a: s1, offered, granted, two held visits (+ one voided), a call between them, two referrals, checked;
 * b: s1, offered, declined; e: s1, identified late, never offered;
 * c and d: siblings in s2, one household visit recorded on both cases.
 */
const a = new CaseEvents('a')
  .identified('2025-09-02')
  .offered('2025-09-05')
  .granted('2025-09-06')
  .visit('a1', '2025-09-10', {
    location: 'home',
    visitorIds: ['v1', 'v2'],
    barriers: ['transportation', 'food'],
    strengthCodes: ['family_engagement'],
  })
  .referred('r1', '2025-09-12', 'food', 'p1')
  .referred('r2', '2025-09-12', 'housing', null)
  .call('c1', '2025-09-15')
  .visit('a2', '2025-09-20', { location: 'virtual', visitorIds: ['v1'], barriers: ['transportation'] })
  .outcome('r1', '2025-09-25', 'pending')
  .outcome('r1', '2025-09-26', 'connected')
  .outcome('r2', '2025-09-26', 'declined')
  .visit('a3', '2025-09-27', { location: 'phone' })
  .voided('a3', 'visit', '2025-09-28')
  .checked('k1', '2025-09-30');
const b = new CaseEvents('b').identified('2025-09-03').offered('2025-09-08').declined('2025-09-09');
const e = new CaseEvents('e').identified('2025-09-20');
const c = new CaseEvents('c')
  .identified('2025-09-04', 's2')
  .offered('2025-09-04')
  .granted('2025-09-05')
  .visit('c1', '2025-09-12', {
    location: 'school',
    visitorIds: ['v2', 'v3'],
    householdVisitId: 'hv1',
    barriers: ['housing'],
  })
  .withdrawn('2025-09-20');
const d = new CaseEvents('d')
  .identified('2025-09-04', 's2')
  .offered('2025-09-04')
  .granted('2025-09-05')
  .visit('d1', '2025-09-12', {
    location: 'school',
    visitorIds: ['v2', 'v3'],
    householdVisitId: 'hv1',
    barriers: ['housing', 'health'],
  })
  .erased('2025-10-01');

const events = [
  ...district('d1', 'CREC', ['s1', 's2']),
  ...visitor('v1', 'school', '2025-08-20'),
  ...visitor('v2', 'community', '2025-09-11'),
  ...visitor('v3', 'community', null),
  ...[a, b, e, c, d].flatMap((x) => x.events),
];
const facts = foldFacts(events);
const all = metricsOf(facts, { districtId: 'd1' });
const pick = (m: { numerator: number; denominator: number | null; value: number | null }) => [
  m.numerator,
  m.denominator,
  m.value,
];

describe('fidelity metrics on hand-built events', () => {
  it('counts students identified and the share offered, with the days to the offer', () => {
    expect(pick(all.studentsIdentified)).toEqual([5, null, 5]);
    expect(pick(all.offeredShare)).toEqual([4, 5, 0.8]);
    // a: 3 days, b: 5 days, c and d: 0 days.
    expect(pick(all.daysIdentificationToOffer)).toEqual([8, 4, 1.5]);
  });

  it('gives consent rates over the families offered visits, withdrawals over those that consented', () => {
    expect(pick(all.consentGrantedRate)).toEqual([3, 4, 0.75]);
    expect(pick(all.consentDeclinedRate)).toEqual([1, 4, 0.25]);
    expect(pick(all.consentWithdrawnRate)).toEqual([1, 3, 0.3333]);
  });

  it('counts visits per consented family, each sibling case its own, and no voided visit', () => {
    expect(pick(all.visitsPerConsentedFamily)).toEqual([4, 3, 1.33]);
    expect(pick(all.twoOrMoreVisitsShare)).toEqual([1, 3, 0.3333]);
    // a: 6 → 10 September (4 days); c and d: 5 → 12 September (7 days each).
    expect(pick(all.daysConsentToFirstVisit)).toEqual([18, 3, 7]);
    expect(pick(all.attendanceCheckCoverage)).toEqual([1, 3, 0.3333]);
    expect(pick(all.referralsPerFamily)).toEqual([2, 3, 0.67]);
  });

  it('counts a household visit to siblings once in the per-visit shares and the visit log', () => {
    expect(pick(all.visitsHeld)).toEqual([3, null, 3]);
    expect(pick(all.inPersonShare)).toEqual([2, 3, 0.6667]);
    expect(pick(all.remoteShare)).toEqual([1, 3, 0.3333]);
    expect(pick(all.pairShare)).toEqual([2, 3, 0.6667]);
    expect(all.homeVisitLog).toEqual({
      visits: 3,
      barriers: { food: 1, health: 1, housing: 1, transportation: 2 },
      strengths: { family_engagement: 1 },
    });
  });

  it('counts a visit as trained only when every visitor had LEAP 101 by the visit date', () => {
    // a1 (10 Sep): v2 trained on 11 Sep → no; a2: v1 → yes; hv1: v3 never trained → no.
    expect(pick(all.trainedVisitorsShare)).toEqual([1, 3, 0.3333]);
    expect(pick(all.schoolStaffShare)).toEqual([2, 3, 0.6667]);
    expect(pick(all.communityPartnerShare)).toEqual([2, 3, 0.6667]);
  });

  it('counts calls, intervals between visits with a call, referrals, outcomes and connections', () => {
    expect(pick(all.followUpCallsMade)).toEqual([1, null, 1]);
    expect(pick(all.callBetweenVisitsShare)).toEqual([1, 1, 1]);
    expect(pick(all.referralsMade)).toEqual([2, null, 2]);
    expect(pick(all.referralOutcomeShare)).toEqual([2, 2, 1]);
    expect(pick(all.referralConnectionRate)).toEqual([1, 2, 0.5]);
    expect(all.connectionRateByResourceType).toEqual({
      food: { numerator: 1, denominator: 1, value: 1 },
      housing: { numerator: 0, denominator: 1, value: 0 },
    });
    expect(all.connectionRateByPartner).toEqual({
      none: { numerator: 0, denominator: 1, value: 0 },
      p1: { numerator: 1, denominator: 1, value: 1 },
    });
  });

  it('scopes to a school by where each fact was recorded, and to a region through the registry', () => {
    const s2 = metricsOf(facts, { districtId: 'd1', schoolId: 's2' });
    expect(pick(s2.studentsIdentified)).toEqual([2, null, 2]);
    expect(pick(s2.visitsHeld)).toEqual([1, null, 1]);
    expect(metricsOf(facts, { regionId: 'CREC' })).toEqual(all);
    expect(pick(metricsOf(facts, { regionId: 'ACES' }).studentsIdentified)).toEqual([0, null, 0]);
  });

  it('counts only the schools of a school-scoped token', () => {
    const s1Only = metricsOf(facts, { districtId: 'd1', schoolIds: ['s1'] });
    expect(s1Only).toEqual(metricsOf(facts, { districtId: 'd1', schoolId: 's1' }));
    expect(pick(s1Only.studentsIdentified)).toEqual([3, null, 3]);
    expect(
      pick(metricsOf(facts, { districtId: 'd1', schoolId: 's2', schoolIds: ['s1'] }).visitsHeld),
    ).toEqual([0, null, 0]);
  });

  it('cuts by business date: what happened after onDate does not count, a void counts whenever it was made', () => {
    const on = metricsOf(facts, { districtId: 'd1', onDate: '2025-09-19' });
    expect(pick(on.studentsIdentified)).toEqual([4, null, 4]);
    expect(pick(on.visitsHeld)).toEqual([2, null, 2]);
    expect(pick(on.consentWithdrawnRate)).toEqual([0, 3, 0]);
    expect(pick(on.referralOutcomeShare)).toEqual([0, 2, 0]);
    const afterVoid = metricsOf(facts, { districtId: 'd1', onDate: '2025-09-27' });
    expect(pick(afterVoid.visitsHeld)).toEqual([3, null, 3]);
  });

  it('takes the latest outcome inside the cut', () => {
    const on = metricsOf(facts, { districtId: 'd1', onDate: '2025-09-25' });
    expect(pick(on.referralOutcomeShare)).toEqual([1, 2, 0.5]);
    expect(pick(on.referralConnectionRate)).toEqual([0, 2, 0]);
  });

  it('cuts by recorded time: a void recorded after knownAt still shows the entry', () => {
    const knownAt = Date.parse('2025-09-27T18:00:00Z');
    const before = metricsOf(facts, { districtId: 'd1', knownAt });
    expect(pick(before.visitsHeld)).toEqual([4, null, 4]);
    expect(pick(before.remoteShare)).toEqual([2, 4, 0.5]);
  });

  it('windows by from/to on business dates, inclusive', () => {
    const window = metricsOf(facts, { districtId: 'd1', from: '2025-09-12', to: '2025-09-12' });
    expect(pick(window.visitsHeld)).toEqual([1, null, 1]);
    expect(pick(window.referralsMade)).toEqual([2, null, 2]);
    expect(pick(window.studentsIdentified)).toEqual([0, null, 0]);
  });

  it('keeps counting an erased family (codes stay) and never copies its words', () => {
    expect(JSON.stringify(facts.cases.get('d'))).not.toContain('words');
    expect(JSON.stringify(all)).not.toContain('words');
  });
});
