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
  const values = new Map(names.map((name) => [name, sumUp(grid, name, leaves)]));
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

/** A count's value in every cell: each school-month count added to the totals it belongs to. */
function sumUp(grid: Grid, name: string, leaves: readonly LeafCounts[]): Map<string, number> {
  const values = new Map(grid.cells.map((cell) => [cell.id, 0]));
  for (const leaf of leaves) {
    const count = leaf.counts[name] ?? 0;
    if (count === 0) continue;
    if (!Number.isSafeInteger(count) || count < 0) throw new Error(`Count ${name} must be a whole number`);
    for (const id of grid.ancestorsOf(leaf.place, leaf.month)) {
      const before = values.get(id);
      if (before === undefined) throw new Error(`Cell ${id} is not in the grid`);
      values.set(id, before + count);
    }
  }
  return values;
}

function valuesOf(values: Map<string, Map<string, number>>, name: string): Map<string, number> {
  const found = values.get(name);
  if (!found) throw new Error(`Ratio names unknown count ${name}`);
  return found;
}
