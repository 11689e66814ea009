import { toCsv, type CsvValue } from '../csv/safe-csv';
import type { Level } from '../suppression/grid';
import type { ExportRow } from './export-table';

/** Display names from the registry (free text typed by admins: neutralised in CSV). */
export interface RegistryNames {
  district(districtId: string): string | null;
  school(districtId: string, schoolId: string): string | null;
}

/** A row as it leaves the system: ids, names, the period, and the values or null where suppressed. */
export interface PublishedRow {
  figure: string;
  level: Level;
  regionId: string | null;
  districtId: string | null;
  districtName: string | null;
  schoolId: string | null;
  schoolName: string | null;
  /** `YYYY-MM`, or `year` for the school year's total. */
  period: string;
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator, four decimals; null when either is suppressed or there is no denominator. */
  rate: number | null;
  suppressed: boolean;
}

export function publishedRow(row: ExportRow, names: RegistryNames, hasDenominator: boolean): PublishedRow {
  const { cell } = row;
  const rate =
    hasDenominator && row.numerator !== null && row.denominator !== null && row.denominator > 0
      ? Math.round((row.numerator / row.denominator) * 10_000) / 10_000
      : null;
  return {
    figure: row.figure,
    level: cell.level,
    regionId: cell.regionId,
    districtId: cell.districtId,
    districtName: cell.districtId === null ? null : names.district(cell.districtId),
    schoolId: cell.schoolId,
    schoolName: cell.schoolId === null ? null : names.school(cell.districtId!, cell.schoolId),
    period: cell.period,
    numerator: row.numerator,
    denominator: row.denominator,
    rate,
    suppressed: row.suppressed,
  };
}

/** The word a suppressed value is published as in CSV (JSON uses null and `suppressed: true`). */
export const SUPPRESSED = 'suppressed';

/**
 * CSV of published rows. `figureColumns` names the figure columns (e.g. `metric` or `kind,code`),
 * `valueColumns` the numerator, denominator and rate columns. A figure without a denominator
 * leaves the denominator and rate empty; a suppressed value reads `suppressed`.
 */
export function publishedCsv(
  schoolYear: string,
  rows: readonly PublishedRow[],
  figureColumns: { header: string[]; cells: (figure: string) => string[] },
  valueColumns: [string, string, string],
  hasDenominator: (figure: string) => boolean,
): string {
  const header = [
    'schoolYear',
    ...figureColumns.header,
    'level',
    'regionId',
    'districtId',
    'districtName',
    'schoolId',
    'schoolName',
    'period',
    ...valueColumns,
  ];
  const value = (n: number | null): CsvValue => (n === null ? SUPPRESSED : n);
  return toCsv(
    header,
    rows.map((row) => {
      const ratio = hasDenominator(row.figure);
      return [
        schoolYear,
        ...figureColumns.cells(row.figure),
        row.level,
        row.regionId,
        row.districtId,
        row.districtName,
        row.schoolId,
        row.schoolName,
        row.period,
        value(row.numerator),
        ratio ? value(row.denominator) : null,
        row.rate,
      ];
    }),
  );
}
