import { metricsOf, type CaseFacts, type FidelityFacts } from '@leap/fidelity';
import type { DateRange } from './visits-held';

/**
 * Home visits held per district, as the fidelity metrics count them (`visitsHeld` of `metricsOf`,
 * the one fold): held and not voided, a household visit to siblings once, dated within the range.
 * Each district's metrics run over its own cases only. Districts without a visit are left out.
 */
export function visitsHeldFromFacts(facts: FidelityFacts, range: DateRange): Map<string, number> {
  const casesByDistrict = new Map<string, CaseFacts[]>();
  for (const caseFacts of facts.cases.values()) {
    const cases = casesByDistrict.get(caseFacts.districtId) ?? [];
    cases.push(caseFacts);
    casesByDistrict.set(caseFacts.districtId, cases);
  }
  const counts = new Map<string, number>();
  for (const [districtId, cases] of casesByDistrict) {
    const query = { districtId, ...(range ? { from: range.from, to: range.to } : {}) };
    const held = metricsOf(facts, query, cases).visitsHeld.value ?? 0;
    if (held > 0) counts.set(districtId, held);
  }
  return counts;
}
