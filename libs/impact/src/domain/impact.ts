import { BREAKDOWNS, type BreakdownName } from './groups';
import { estimateGroups, eventMonthOf, type GroupEstimates } from './estimate';
import type { PanelStudent } from './panel';
import { buildStacks, EVENT_MONTHS } from './stacks';

/** One event month of one curve, in points of monthly attendance rate. Null numbers when suppressed. */
export interface ImpactPoint {
  eventMonth: number;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  standardError: number | null;
  treated: number | null;
  comparison: number | null;
  suppressed: boolean;
}

export interface NaivePoint {
  eventMonth: number;
  estimate: number | null;
  treated: number | null;
  suppressed: boolean;
}

export interface ImpactEstimates {
  method: string;
  pooled: ImpactPoint[];
  naive: NaivePoint[];
  breakdowns: Record<BreakdownName, Record<string, ImpactPoint[]>>;
}

export interface ImpactOptions {
  /** Cells with fewer served students than this are suppressed (default 20). */
  minTreated?: number;
  /** Bootstrap resamples over students (default 200) and their seed (fixed: same panel, same answer). */
  replicates?: number;
  seed?: number;
  /** `YYYY-MM-DD` bounds on the first visit of the served students counted. */
  firstVisitFrom?: string;
  firstVisitTo?: string;
}

export const DEFAULT_MIN_TREATED = 20;
export const DEFAULT_REPLICATES = 200;
export const DEFAULT_SEED = 20_240_901;

export const METHOD =
  'Stacked event study (difference in differences): for each school month in which served students had ' +
  'their first held visit, each served student is compared with students of the same district, school, ' +
  'grade band, English-learner status and attendance tier in each of the three school months before ' +
  '(event months -3, -2, -1) who were not yet served in the same calendar month (served later or never). The ' +
  "estimate is the mean of the served students' change in monthly attendance rate from those three " +
  'months, minus the mean change of their comparisons, in percentage points; school months skip the ' +
  'summer. 95% intervals: percentile bootstrap over students with a fixed seed. Naive: served students ' +
  'only, before/after.';

/** The estimator: a pure function of the panel and the options (no store, no clock, no randomness). */
export function estimateImpact(panel: readonly PanelStudent[], options: ImpactOptions = {}): ImpactEstimates {
  const minTreated = options.minTreated ?? DEFAULT_MIN_TREATED;
  const stacks = buildStacks(panel, options);
  const estimates = estimateGroups(stacks, {
    replicates: options.replicates ?? DEFAULT_REPLICATES,
    seed: options.seed ?? DEFAULT_SEED,
    level: 0.95,
  });
  const curve = (group: number) => curveOf(estimates, group, minTreated);
  const breakdowns = Object.fromEntries(
    BREAKDOWNS.map((name) => [name, {}]),
  ) as ImpactEstimates['breakdowns'];
  estimates.groups.forEach((group, index) => {
    if (group.breakdown) breakdowns[group.breakdown][group.value] = curve(index);
  });
  const pooled = curve(0);
  return {
    method: METHOD,
    pooled,
    naive: pooled.map((point, eventIndex) => {
      const treated = estimates.naiveTreated[eventIndex]!;
      const suppressed = treated < minTreated;
      return {
        eventMonth: point.eventMonth,
        estimate: suppressed ? null : round(estimates.naive[eventIndex]!),
        treated: suppressed ? null : treated,
        suppressed,
      };
    }),
    breakdowns,
  };
}

function curveOf(estimates: GroupEstimates, group: number, minTreated: number): ImpactPoint[] {
  return Array.from({ length: EVENT_MONTHS }, (_, eventIndex) => {
    const slot = group * EVENT_MONTHS + eventIndex;
    const treated = estimates.treated[slot]!;
    const eventMonth = eventMonthOf(eventIndex);
    if (treated < minTreated)
      return {
        eventMonth,
        estimate: null,
        ciLow: null,
        ciHigh: null,
        standardError: null,
        treated: null,
        comparison: null,
        suppressed: true,
      };
    return {
      eventMonth,
      estimate: round(estimates.estimate[slot]!),
      ciLow: round(estimates.ciLow[slot]!),
      ciHigh: round(estimates.ciHigh[slot]!),
      standardError: round(estimates.standardError[slot]!),
      treated,
      comparison: estimates.comparison[slot]!,
      suppressed: false,
    };
  });
}

/** Two decimals; NaN (nobody to compare) as null. */
const round = (value: number): number | null =>
  Number.isFinite(value) ? Math.round(value * 100) / 100 : null;
