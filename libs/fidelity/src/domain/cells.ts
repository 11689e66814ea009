import type { CaseFacts, FidelityFacts } from './facts';
import { Cut, monthOf, type MetricsQuery } from './cut';
import { metricsOf, type FidelityMetrics } from './metrics';

/** The metrics of one school in one business month: the finest cell anything is published at. */
export interface FidelityCell {
  regionId: string | null;
  districtId: string;
  schoolId: string;
  /** `YYYY-MM`. */
  month: string;
  metrics: FidelityMetrics;
}

/**
 * The metrics per (region, district, school, month) cell inside a scope and cut, computed with
 * `metricsOf` for each cell (window: the month, clipped to `from`/`to`), so a cell means exactly
 * what the same query for that school and month means. Exports build their tables from these.
 * Cells are ordered by region, district, school, month; only months in which a fact of the
 * school is dated appear.
 */
export function cellsOf(facts: FidelityFacts, query: MetricsQuery): FidelityCell[] {
  const cut = new Cut(query);
  const bySchool = new Map<string, { districtId: string; cases: CaseFacts[]; months: Set<string> }>();
  for (const c of facts.cases.values()) {
    if (query.districtId !== undefined && c.districtId !== query.districtId) continue;
    for (const [schoolId, on] of datedSchoolsOf(c)) {
      if (on < cut.from || on > cut.end) continue;
      if (query.schoolId !== undefined && schoolId !== query.schoolId) continue;
      if (query.schoolIds !== undefined && !query.schoolIds.includes(schoolId)) continue;
      let school = bySchool.get(schoolId);
      if (!school)
        bySchool.set(schoolId, (school = { districtId: c.districtId, cases: [], months: new Set() }));
      if (school.cases.at(-1) !== c) school.cases.push(c);
      school.months.add(monthOf(on));
    }
  }
  const cells: FidelityCell[] = [];
  for (const [schoolId, school] of bySchool) {
    const district = facts.districts.get(school.districtId);
    const regionId = district && cut.known(district.at) ? district.regionId : null;
    if (query.regionId !== undefined && regionId !== query.regionId) continue;
    for (const month of [...school.months].sort()) {
      const window = { from: maxOf(`${month}-01`, query.from), to: minOf(`${month}-31`, query.to) };
      const cellQuery = { ...query, ...window, districtId: school.districtId, schoolId };
      cells.push({
        regionId,
        districtId: school.districtId,
        schoolId,
        month,
        metrics: metricsOf(facts, cellQuery, school.cases),
      });
    }
  }
  const order = (cell: FidelityCell) =>
    [cell.regionId ?? '', cell.districtId, cell.schoolId, cell.month].join('\u0000');
  return cells.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** Every (school, business date) a case's facts carry (follow-ups by their completion or not at all). */
function* datedSchoolsOf(c: CaseFacts): Iterable<[string, string]> {
  yield [c.identified.schoolId, c.identified.on];
  for (const list of [c.offers, c.decisions, c.visits, c.calls, c.referrals, c.checks]) {
    for (const fact of list) yield [fact.schoolId, fact.on];
  }
  for (const f of c.followUps) yield [f.schoolId, new Date(f.dueAt).toISOString().slice(0, 10)];
}

const maxOf = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);
const minOf = (a: string, b: string | undefined) => (b !== undefined && b < a ? b : a);
