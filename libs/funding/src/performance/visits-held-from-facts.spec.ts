import { foldFacts } from '@leap/fidelity';
import { CaseEvents, district, visitor } from '../../../fidelity/src/testing/fidelity-events';
import { visitsHeldFromFacts } from './visits-held-from-facts';

/**
 * d1: one family with three visits, one voided; two siblings sharing one household visit; a visit
 * in the next school year. d2: one visit. d3: a case without visits.
 */
const facts = foldFacts([
  ...district('d1', 'CREC', ['s1']),
  ...district('d2', 'CREC', ['s1']),
  ...visitor('v1', 'school', '2025-08-01'),
  ...visitor('v2', 'community', '2025-08-01'),
  ...new CaseEvents('a')
    .identified('2025-09-01')
    .offered('2025-09-02')
    .granted('2025-09-03')
    .visit('a1', '2025-09-10')
    .visit('a2', '2025-10-10')
    .visit('a3', '2025-11-10')
    .voided('a2', 'visit', '2025-11-11').events,
  ...new CaseEvents('b').identified('2025-09-01').granted('2025-09-03').visit('b1', '2025-12-01', {
    householdVisitId: 'hv1',
  }).events,
  ...new CaseEvents('c').identified('2025-09-01').granted('2025-09-03').visit('c1', '2025-12-01', {
    householdVisitId: 'hv1',
  }).events,
  ...new CaseEvents('n').identified('2025-09-01').granted('2025-09-03').visit('n1', '2026-07-02').events,
  ...new CaseEvents('e').identified('2025-09-01', 's1', 'd2').granted('2025-09-03').visit('e1', '2025-09-20')
    .events,
  ...new CaseEvents('f').identified('2025-09-01', 's1', 'd3').events,
]);

describe('when visits held are counted per district for funding', () => {
  it('counts held visits once, voided ones never, a household visit once', () => {
    expect(Object.fromEntries(visitsHeldFromFacts(facts, null))).toEqual({ d1: 4, d2: 1 });
  });

  it('counts only the visits dated within the range', () => {
    const year = { from: '2025-07-01', to: '2026-06-30' };
    expect(Object.fromEntries(visitsHeldFromFacts(facts, year))).toEqual({ d1: 3, d2: 1 });
    expect(visitsHeldFromFacts(facts, { from: '2024-07-01', to: '2025-06-30' }).size).toBe(0);
  });
});
