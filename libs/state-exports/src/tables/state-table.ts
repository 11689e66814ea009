import type { Place } from '../suppression/grid';
import type { LeafCounts } from '../suppression/suppress-counts';
import type { SuppressionRule } from '../suppression/suppression-rule';
import { buildExportTable, schoolYearMonths, type ExportRow } from './export-table';
import { leafCountsOf, STATE_FIGURES, type FoldCell } from './state-figures';

/** A registered school and where it sits, with the names the export shows. */
export interface RegistrySchool extends Place {
  districtName: string;
  schoolName: string;
}

/** Region of fold cells whose district the registry does not (yet) hold. */
export const UNKNOWN_REGION = 'unassigned';

/**
 * The state's table for one school year: every registered school (and any school the fold saw),
 * each month July to June and the year, every figure of every export, suppressed at once. The
 * counts are the one fidelity fold's cells; this adds nothing to them but totals (their sums).
 */
export function stateTable(
  schoolYear: string,
  schools: readonly RegistrySchool[],
  cells: readonly FoldCell[],
  rule: SuppressionRule,
): ExportRow[] {
  const months = schoolYearMonths(schoolYear);
  const regionOf = new Map(schools.map((school) => [school.districtId, school.regionId]));
  const leaves: LeafCounts[] = cells
    .filter((cell) => months.includes(cell.month))
    .map((cell) => leafCountsOf(cell, regionOf.get(cell.districtId) ?? cell.regionId ?? UNKNOWN_REGION));
  const places = new Map<string, Place>();
  for (const { regionId, districtId, schoolId } of [...schools, ...leaves.map((leaf) => leaf.place)]) {
    places.set(`${districtId}\u0000${schoolId}`, { regionId, districtId, schoolId });
  }
  return buildExportTable([...places.values()], months, leaves, STATE_FIGURES, rule);
}
