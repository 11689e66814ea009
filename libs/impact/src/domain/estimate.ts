import { seededUniform } from '@leap/domain';
import { groupsOf, type Group } from './groups';
import { FIRST_EVENT_MONTH } from './panel';
import { resampleCounts } from './random';
import { EVENT_MONTHS, type Stacks } from './stacks';

export interface GroupEstimates {
  groups: Group[];
  /** Per group and event month (`group * EVENT_MONTHS + eventIndex`); NaN where nobody is matched. */
  estimate: Float64Array;
  ciLow: Float64Array;
  ciHigh: Float64Array;
  standardError: Float64Array;
  /** Served students with at least one matched comparison, per group and event month. */
  treated: Int32Array;
  /** Distinct comparison students in the cells those served students were matched in. */
  comparison: Int32Array;
  /** The served-only before/after change, per group and event month, every served student counted. */
  naive: Float64Array;
  /** How many served students the naive change counts (matched or not). */
  naiveTreated: Int32Array;
}

export interface BootstrapOptions {
  replicates: number;
  seed: number;
  /** Two-sided coverage of the intervals, e.g. 0.95. */
  level: number;
}

/**
 * Treated minus comparison: each served student's change from their pre-period, minus the mean
 * change of the comparisons in their cell, averaged over the served students of a group (every
 * served student weighs the same; a cell's comparisons share that weight). Intervals come from
 * resampling students with replacement, the same resamples for every group and month.
 */
export function estimateGroups(stacks: Stacks, options: BootstrapOptions): GroupEstimates {
  const { groups, of } = groupsOf(stacks.students);
  const groupsOfStudent = stacks.students.map(of);
  const size = groups.length * EVENT_MONTHS;
  const point = estimateOnce(stacks, groupsOfStudent, size, null);
  const uniform = seededUniform(options.seed);
  const counts = new Int32Array(stacks.students.length);
  const replicates: Float64Array[] = [];
  for (let r = 0; r < options.replicates; r++) {
    resampleCounts(stacks.students.length, uniform, counts);
    replicates.push(estimateOnce(stacks, groupsOfStudent, size, counts).estimate);
  }
  const interval = intervals(replicates, size, options.level);
  return {
    groups,
    estimate: point.estimate,
    ...interval,
    treated: point.treated,
    comparison: comparisonCounts(stacks, groupsOfStudent, size),
    ...naiveChanges(stacks, groupsOfStudent, size),
  };
}

function estimateOnce(
  stacks: Stacks,
  groupsOfStudent: number[][],
  size: number,
  weights: Int32Array | null,
): { estimate: Float64Array; treated: Int32Array } {
  const { comparison: c, treated: t } = stacks;
  const cellSum = new Float64Array(stacks.cells);
  const cellWeight = new Float64Array(stacks.cells);
  for (let j = 0; j < c.length; j++) {
    const w = weights ? weights[c.student[j]!]! : 1;
    if (w === 0) continue;
    cellSum[c.cell[j]!]! += w * c.change[j]!;
    cellWeight[c.cell[j]!]! += w;
  }
  const sums = new Float64Array(size);
  const totals = new Float64Array(size);
  const treated = new Int32Array(size);
  for (let i = 0; i < t.length; i++) {
    const w = weights ? weights[t.student[i]!]! : 1;
    const cell = t.cell[i]!;
    if (w === 0 || cellWeight[cell] === 0) continue;
    const difference = t.change[i]! - cellSum[cell]! / cellWeight[cell]!;
    for (const group of groupsOfStudent[t.student[i]!]!) {
      const slot = group * EVENT_MONTHS + t.eventIndex[i]!;
      sums[slot]! += w * difference;
      totals[slot]! += w;
      treated[slot]! += 1;
    }
  }
  return { estimate: sums.map((sum, slot) => (totals[slot] === 0 ? NaN : sum / totals[slot]!)), treated };
}

/** Percentile intervals and the standard deviation of the replicates, per slot. */
function intervals(replicates: Float64Array[], size: number, level: number) {
  const ciLow = new Float64Array(size).fill(NaN);
  const ciHigh = new Float64Array(size).fill(NaN);
  const standardError = new Float64Array(size).fill(NaN);
  for (let slot = 0; slot < size; slot++) {
    const values = replicates
      .map((r) => r[slot]!)
      .filter((v) => !Number.isNaN(v))
      .sort((a, b) => a - b);
    if (values.length < 2) continue;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    standardError[slot] = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    ciLow[slot] = quantile(values, (1 - level) / 2);
    ciHigh[slot] = quantile(values, 1 - (1 - level) / 2);
  }
  return { ciLow, ciHigh, standardError };
}

/** Linear interpolation between order statistics (type 7). */
function quantile(sorted: number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

function comparisonCounts(stacks: Stacks, groupsOfStudent: number[][], size: number): Int32Array {
  const { comparison: c, treated: t } = stacks;
  const studentsOfCell = new Map<number, number[]>();
  for (let j = 0; j < c.length; j++) {
    const list = studentsOfCell.get(c.cell[j]!);
    if (list) list.push(c.student[j]!);
    else studentsOfCell.set(c.cell[j]!, [c.student[j]!]);
  }
  const cellsOfSlot = Array.from({ length: size }, () => new Set<number>());
  for (let i = 0; i < t.length; i++)
    if (studentsOfCell.has(t.cell[i]!))
      for (const group of groupsOfStudent[t.student[i]!]!)
        cellsOfSlot[group * EVENT_MONTHS + t.eventIndex[i]!]!.add(t.cell[i]!);
  return Int32Array.from(cellsOfSlot, (cells) => {
    const distinct = new Set<number>();
    for (const cell of cells) for (const student of studentsOfCell.get(cell)!) distinct.add(student);
    return distinct.size;
  });
}

function naiveChanges(stacks: Stacks, groupsOfStudent: number[][], size: number) {
  const { treated: t } = stacks;
  const sums = new Float64Array(size);
  const totals = new Int32Array(size);
  for (let i = 0; i < t.length; i++)
    for (const group of groupsOfStudent[t.student[i]!]!) {
      sums[group * EVENT_MONTHS + t.eventIndex[i]!]! += t.change[i]!;
      totals[group * EVENT_MONTHS + t.eventIndex[i]!]! += 1;
    }
  return {
    naive: sums.map((sum, slot) => (totals[slot] === 0 ? NaN : sum / totals[slot]!)),
    naiveTreated: totals,
  };
}

export const eventMonthOf = (eventIndex: number) => eventIndex + FIRST_EVENT_MONTH;
