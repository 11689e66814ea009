import type { Decider, ExpenditureCategory } from '@leap/domain';
import { compareIds } from './allocate';

/**
 * What a district reports it spent of its LEAP funds, stream `districtfunding-<districtId>`, so the
 * state can weigh year-one performance. A report names a period (school year, July–June, and its
 * quarter: 1 = July–September … 4 = April–June), optionally a coded category, and the amount in
 * whole dollars spent in that period and category. A later report for the same period and category
 * replaces the earlier figure (a correction); reporting the figure already recorded records nothing.
 * No free text: nothing personal can reach this stream.
 */
export const DISTRICT_FUNDING_PREFIX = 'districtfunding-';
export const districtFundingStreamOf = (districtId: string): string =>
  `${DISTRICT_FUNDING_PREFIX}${districtId}`;

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

export interface ExpenditureReport {
  districtId: string;
  /** `2025-26`. */
  schoolYear: string;
  quarter: Quarter;
  /** null: not broken down by category (a figure of its own, not the sum of the categorised ones). */
  category: ExpenditureCategory | null;
  /** Whole dollars, ≥ 0. */
  amount: number;
}

export type ExpenditureRecorded = { type: 'ExpenditureRecorded.v1'; data: ExpenditureReport };
export type RecordExpenditure = { type: 'RecordExpenditure'; data: ExpenditureReport };

export interface DistrictFundingState {
  /** The latest report per period and category, keyed by `periodKey`. */
  reports: Record<string, ExpenditureReport>;
}

const periodKey = (report: Pick<ExpenditureReport, 'schoolYear' | 'quarter' | 'category'>): string =>
  `${report.schoolYear}/Q${report.quarter}/${report.category ?? '-'}`;

export const districtFundingDecider: Decider<RecordExpenditure, ExpenditureRecorded, DistrictFundingState> = {
  initialState: () => ({ reports: {} }),
  decide(command, state) {
    const current = state.reports[periodKey(command.data)];
    if (current?.amount === command.data.amount) return [];
    return [{ type: 'ExpenditureRecorded.v1', data: { ...command.data } }];
  },
  evolve(state, event) {
    return { reports: { ...state.reports, [periodKey(event.data)]: { ...event.data } } };
  },
};

/** Dollars spent as the latest reports stand: in one school year, or in every year when null. */
export function fundsSpent(state: DistrictFundingState, schoolYear: string | null): number {
  return Object.values(state.reports)
    .filter((report) => schoolYear === null || report.schoolYear === schoolYear)
    .reduce((sum, report) => sum + report.amount, 0);
}

/** The latest reports, by school year, quarter and category (uncategorised first). */
export function reportsOf(state: DistrictFundingState): ExpenditureReport[] {
  return Object.values(state.reports).sort(
    (a, b) =>
      (a.schoolYear < b.schoolYear ? -1 : a.schoolYear > b.schoolYear ? 1 : 0) ||
      a.quarter - b.quarter ||
      compareIds(a.category ?? '', b.category ?? ''),
  );
}

/** The figure recorded for a period and category, or null. */
export function reportFor(
  state: DistrictFundingState,
  period: Pick<ExpenditureReport, 'schoolYear' | 'quarter' | 'category'>,
): ExpenditureReport | null {
  return state.reports[periodKey(period)] ?? null;
}
