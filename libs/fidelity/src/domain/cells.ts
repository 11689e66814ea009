import type { CaseFacts, FidelityFacts } from './facts';
import { Cut, monthOf, type MetricsQuery } from './cut';
import { dueDateOf } from './entry-counts';
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
 * what the same query for that school and month means. Every count is in the cell of the event
 * that puts it in a window (an identification, a first offer, a grant, a visit, …), what followed
 * counted up to the cut: the cells of a window sum to the window's own figures. Exports build their tables from these.
 * Cells are ordered by region, district, school, month; only months in which a fact of the
 * school is dated appear.
 */
export function cellsOf(facts: FidelityFacts, query: MetricsQuery): FidelityCell[] {
  const cut = new Cut(query);
  // School ids are their district's own: the same id may name schools of several districts.
  const bySchool = new Map<
    string,
    { districtId: string; schoolId: string; cases: CaseFacts[]; months: Set<string> }
  >();
  for (const c of facts.cases.values()) {
    if (query.districtId !== undefined && c.districtId !== query.districtId) continue;
    const timeZone = facts.districts.get(c.districtId)?.timeZone ?? 'UTC';
    for (const [schoolId, on] of datedSchoolsOf(c, timeZone)) {
      if (on < cut.from || on > cut.end) continue;
      if (query.schoolId !== undefined && schoolId !== query.schoolId) continue;
      if (query.schoolIds !== undefined && !query.schoolIds.includes(schoolId)) continue;
      const key = `${c.districtId}\u0000${schoolId}`;
      let school = bySchool.get(key);
      if (!school)
        bySchool.set(key, (school = { districtId: c.districtId, schoolId, cases: [], months: new Set() }));
      if (school.cases.at(-1) !== c) school.cases.push(c);
      school.months.add(monthOf(on));
    }
  }
  const cells: FidelityCell[] = [];
  for (const { schoolId, ...school } of bySchool.values()) {
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

/** Every (school, business date) a case's facts carry (follow-ups by their due date, as counted). */
function* datedSchoolsOf(c: CaseFacts, timeZone: string): Iterable<[string, string]> {
  yield [c.identified.schoolId, c.identified.on];
  for (const list of [c.offers, c.decisions, c.visits, c.calls, c.referrals, c.checks]) {
    for (const fact of list) yield [fact.schoolId, fact.on];
  }
  for (const f of c.followUps) yield [f.schoolId, dueDateOf(f, timeZone)];
}

const maxOf = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);
const minOf = (a: string, b: string | undefined) => (b !== undefined && b < a ? b : a);
