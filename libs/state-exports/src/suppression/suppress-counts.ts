import { complementarySuppression } from './complementary-suppression';
import type { Grid, Place } from './grid';
import type { SuppressionRule } from './suppression-rule';

/** A published rate: which count is its numerator and which its denominator. */
export interface Ratio {
  numerator: string;
  denominator: string;
}

/** One school-month's counts, by count name (absent names count zero). */
export interface LeafCounts {
  place: Place;
  month: string;
  counts: Readonly<Record<string, number>>;
}

/** Every cell's value of one count, and which cells are published as suppressed. */
export interface SuppressedCount {
  values: Map<string, number>;
  suppressed: Set<string>;
}

/**
 * Suppresses every count of an export over the whole grid. Primary: a count used as a numerator is
 * hidden where it is below `minNumerator` or any of its denominators is below `minDenominator`; a
 * count used as a denominator where it is below `minDenominator`; a count in no ratio where it is
 * below `minNumerator`. Then complementary suppression per count over every total of the grid.
 *
 * Each count is its own linear system: no published figure is a sum of different counts, so
 * suppressing each count's relations is enough. Totals are sums of the school-month counts.
 */
export function suppressCounts(
  grid: Grid,
  names: readonly string[],
  leaves: readonly LeafCounts[],
  ratios: readonly Ratio[],
  rule: SuppressionRule,
): Map<string, SuppressedCount> {
  const values = sumUp(grid, names, leaves);
  const result = new Map<string, SuppressedCount>();
  for (const name of names) {
    const own = values.get(name)!;
    const asNumerator = ratios.filter((ratio) => ratio.numerator === name);
    const asDenominator = ratios.some((ratio) => ratio.denominator === name);
    const denominators = asNumerator.map((ratio) => valuesOf(values, ratio.denominator));
    const primary = grid.cells
      .map((cell) => cell.id)
      .filter((id) => {
        const value = own.get(id)!;
        if (asDenominator && value < rule.minDenominator) return true;
        if (asNumerator.length > 0 || !asDenominator) {
          if (value < rule.minNumerator) return true;
        }
        return denominators.some((denominator) => denominator.get(id)! < rule.minDenominator);
      });
    // Who a cell is about: a numerator's population is its denominators', a count's is itself.
    const populations = denominators.length > 0 ? denominators : [own];
    const empty = new Set(
      grid.cells
        .map((cell) => cell.id)
        .filter((id) => populations.every((population) => population.get(id) === 0)),
    );
    const suppressed = complementarySuppression(own, primary, grid.relations, empty);
    result.set(name, { values: own, suppressed });
  }
  return result;
}

/**
 * Every count's value in every cell: each school-month count added to the totals it belongs to.
 * One pass over the leaves for all counts (a leaf's cells are looked up once).
 */
function sumUp(
  grid: Grid,
  names: readonly string[],
  leaves: readonly LeafCounts[],
): Map<string, Map<string, number>> {
  const position = new Map(grid.cells.map((cell, index) => [cell.id, index]));
  const sums = new Map(names.map((name) => [name, new Float64Array(grid.cells.length)]));
  for (const leaf of leaves) {
    const cells = grid.ancestorsOf(leaf.place, leaf.month).map((id) => {
      const index = position.get(id);
      if (index === undefined) throw new Error(`Cell ${id} is not in the grid`);
      return index;
    });
    for (const [name, count] of Object.entries(leaf.counts)) {
      const sum = sums.get(name);
      if (sum === undefined || count === 0) continue;
      if (!Number.isSafeInteger(count) || count < 0) throw new Error(`Count ${name} must be a whole number`);
      for (const index of cells) sum[index]! += count;
    }
  }
  return new Map(
    [...sums].map(([name, sum]) => [name, new Map(grid.cells.map((cell, index) => [cell.id, sum[index]!]))]),
  );
}

function valuesOf(values: Map<string, Map<string, number>>, name: string): Map<string, number> {
  const found = values.get(name);
  if (!found) throw new Error(`Ratio names unknown count ${name}`);
  return found;
}
