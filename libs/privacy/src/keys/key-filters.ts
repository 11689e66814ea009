import type { DataKeyAttributes } from './key-store.port';

/** The attribute columns a `keysOf` query filters on (an attribute left out matches any value). */
export function keyFilters(query: Partial<DataKeyAttributes>): [column: string, value: string | null][] {
  const filters: [string, string | null][] = [];
  if (query.districtId !== undefined) filters.push(['district_id', query.districtId]);
  if (query.household !== undefined) filters.push(['household', query.household]);
  return filters;
}
