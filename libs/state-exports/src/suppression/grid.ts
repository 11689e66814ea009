import type { Relation } from './complementary-suppression';

/** Where a school sits: its RESC region and district. */
export interface Place {
  regionId: string;
  districtId: string;
  schoolId: string;
}

export type Level = 'state' | 'region' | 'district' | 'school';

/** The school-year total's period; months are `YYYY-MM`. */
export const YEAR = 'year';

/** One published cell: a place at some level (coarser levels leave the finer ids null) and a period. */
export interface GridCell {
  id: string;
  level: Level;
  regionId: string | null;
  districtId: string | null;
  schoolId: string | null;
  period: string;
}

/**
 * The fixed table every export publishes for one count: school within district within region within
 * state, by month and for the whole school year. Every total is the sum of its parts, in both
 * directions, and each of those sums is a relation the suppression must keep unsolvable.
 */
export interface Grid {
  cells: GridCell[];
  relations: Relation[];
  /** The school-month cell a count of that school and month goes to. */
  leafId(place: Place, month: string): string;
  /** Every count of one school and month adds to these cells (school, district, region, state; month and year). */
  ancestorsOf(place: Place, month: string): string[];
}

const geoIds = (place: Place) => ({
  state: 'state',
  region: `region/${place.regionId}`,
  district: `district/${place.districtId}`,
  school: `school/${place.districtId}/${place.schoolId}`,
});

const cellId = (geo: string, period: string) => `${geo}@${period}`;

/** Builds the grid of the given schools and months (months in calendar order). */
export function buildGrid(places: readonly Place[], months: readonly string[]): Grid {
  const periods = [...months, YEAR];
  const geos = new Map<string, Omit<GridCell, 'id' | 'period'>>();
  const children = new Map<string, Set<string>>();
  const sorted = [...places].sort(comparePlaces);
  geos.set('state', { level: 'state', regionId: null, districtId: null, schoolId: null });
  for (const place of sorted) {
    const ids = geoIds(place);
    geos.set(ids.region, { level: 'region', regionId: place.regionId, districtId: null, schoolId: null });
    geos.set(ids.district, { level: 'district', ...place, schoolId: null });
    geos.set(ids.school, { level: 'school', ...place });
    addChild(children, ids.state, ids.region);
    addChild(children, ids.region, ids.district);
    addChild(children, ids.district, ids.school);
  }
  const cells: GridCell[] = [];
  const relations: Relation[] = [];
  for (const [geo, where] of geos) {
    for (const period of periods) cells.push({ id: cellId(geo, period), ...where, period });
    relations.push({ total: cellId(geo, YEAR), parts: months.map((month) => cellId(geo, month)) });
    const parts = [...(children.get(geo) ?? [])];
    if (parts.length === 0) continue;
    for (const period of periods) {
      relations.push({ total: cellId(geo, period), parts: parts.map((part) => cellId(part, period)) });
    }
  }
  return {
    cells,
    relations,
    leafId: (place, month) => cellId(geoIds(place).school, month),
    ancestorsOf: (place, month) =>
      Object.values(geoIds(place)).flatMap((geo) => [cellId(geo, month), cellId(geo, YEAR)]),
  };
}

function addChild(children: Map<string, Set<string>>, parent: string, child: string): void {
  const set = children.get(parent) ?? new Set<string>();
  set.add(child);
  children.set(parent, set);
}

function comparePlaces(a: Place, b: Place): number {
  return (
    compareText(a.regionId, b.regionId) ||
    compareText(a.districtId, b.districtId) ||
    compareText(a.schoolId, b.schoolId)
  );
}

/** Code-unit order: the same on every machine, whatever its locale. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
