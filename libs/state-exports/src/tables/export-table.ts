import { buildGrid, type GridCell, type Place } from '../suppression/grid';
import { suppressCounts, type LeafCounts, type Ratio } from '../suppression/suppress-counts';
import type { SuppressionRule } from '../suppression/suppression-rule';

/**
 * One published figure of an export: a count alone (`denominator` null), or a rate's numerator and
 * denominator. `numerator` and `denominator` name counts of the school-month leaves.
 */
export interface ExportFigure {
  /** The name the export publishes it under, e.g. `inPersonShare`, `barrier:transportation`. */
  figure: string;
  numerator: string;
  denominator: string | null;
}

/** A row of an export: one figure in one cell. A suppressed value is null, never a number. */
export interface ExportRow {
  figure: string;
  cell: GridCell;
  numerator: number | null;
  denominator: number | null;
  /** Whether any of the row's values is suppressed. */
  suppressed: boolean;
}

/**
 * The whole state's table for a school year: every figure in every cell of the grid (school,
 * district, region, state; each month and the year), suppressed over the whole state at once.
 * Guarantee: any reader's rows are a subset of this one table (see `rowsInScope`), so two exports
 * never show two different suppressions of the same cells that could be combined.
 */
export function buildExportTable(
  places: readonly Place[],
  months: readonly string[],
  leaves: readonly LeafCounts[],
  figures: readonly ExportFigure[],
  rule: SuppressionRule,
): ExportRow[] {
  const grid = buildGrid(places, months);
  const names = [
    ...new Set(figures.flatMap((f) => (f.denominator ? [f.numerator, f.denominator] : [f.numerator]))),
  ];
  const ratios: Ratio[] = figures.flatMap((f) =>
    f.denominator ? [{ numerator: f.numerator, denominator: f.denominator }] : [],
  );
  const counts = suppressCounts(grid, names, leaves, ratios, rule);
  const published = (name: string, cell: GridCell): number | null => {
    const count = counts.get(name)!;
    return count.suppressed.has(cell.id) ? null : count.values.get(cell.id)!;
  };
  return figures.flatMap((figure) =>
    grid.cells.map((cell) => {
      const numerator = published(figure.numerator, cell);
      const denominator = figure.denominator === null ? null : published(figure.denominator, cell);
      const suppressed = numerator === null || (figure.denominator !== null && denominator === null);
      return { figure: figure.figure, cell, numerator, denominator, suppressed };
    }),
  );
}

/** Whose rows a reader gets: null for state-wide readers, else a district (and maybe some schools). */
export interface RowScope {
  districtId: string;
  /** null: the whole district, its total rows included; else only these schools' rows. */
  schoolIds: readonly string[] | null;
}

/**
 * The rows a reader may see, cut from the one state-wide table: state-wide readers every row; a
 * district reader its district's rows and its schools' rows (never region or state totals, which
 * hold other districts); a reader of some schools only those schools' rows.
 */
export function rowsInScope(rows: readonly ExportRow[], scope: RowScope | null): ExportRow[] {
  if (scope === null) return [...rows];
  return rows.filter(({ cell }) => {
    if (cell.districtId !== scope.districtId) return false;
    if (cell.level === 'district') return scope.schoolIds === null;
    return cell.level === 'school' && (scope.schoolIds === null || scope.schoolIds.includes(cell.schoolId!));
  });
}

/** The months of a school year `2026-27`, July to June: `2026-07` … `2027-06`. */
export function schoolYearMonths(schoolYear: string): string[] {
  const start = Number(schoolYear.slice(0, 4));
  return Array.from({ length: 12 }, (_, i) => {
    const year = start + (i >= 6 ? 1 : 0);
    return `${year}-${String(((i + 6) % 12) + 1).padStart(2, '0')}`;
  });
}
