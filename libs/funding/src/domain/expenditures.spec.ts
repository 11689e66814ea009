import { fold } from '@leap/domain';
import {
  districtFundingDecider,
  fundsSpent,
  reportsOf,
  type ExpenditureRecorded,
  type ExpenditureReport,
} from './expenditures';

const report = (over: Partial<ExpenditureReport> = {}): ExpenditureReport => ({
  districtId: 'd1',
  schoolYear: '2025-26',
  quarter: 1,
  category: null,
  amount: 1000,
  ...over,
});
const recorded = (over: Partial<ExpenditureReport> = {}): ExpenditureRecorded => ({
  type: 'ExpenditureRecorded.v1',
  data: report(over),
});
const decide = (history: ExpenditureRecorded[], over: Partial<ExpenditureReport> = {}) =>
  districtFundingDecider.decide(
    { type: 'RecordExpenditure', data: report(over) },
    fold(districtFundingDecider, history),
  );

describe('when a district reports what it spent', () => {
  it('records the first report of a period', () => {
    expect(decide([])).toEqual([recorded()]);
  });

  it('records nothing when the same figure is reported again for the period and category', () => {
    expect(decide([recorded()])).toEqual([]);
  });

  it('records a corrected figure, which replaces the earlier one', () => {
    const history = [recorded(), ...decide([recorded()], { amount: 1500 })];
    expect(history).toHaveLength(2);
    expect(fundsSpent(fold(districtFundingDecider, history), '2025-26')).toBe(1500);
  });

  it('keeps periods and categories apart, and sums them by school year', () => {
    const state = fold(districtFundingDecider, [
      recorded({ quarter: 1, amount: 100 }),
      recorded({ quarter: 2, amount: 200 }),
      recorded({ quarter: 2, category: 'training', amount: 50 }),
      recorded({ schoolYear: '2026-27', quarter: 1, amount: 7 }),
    ]);
    expect(fundsSpent(state, '2025-26')).toBe(350);
    expect(fundsSpent(state, '2026-27')).toBe(7);
    expect(fundsSpent(state, '2024-25')).toBe(0);
    expect(fundsSpent(state, null)).toBe(357);
    expect(reportsOf(state).map((r) => [r.schoolYear, r.quarter, r.category])).toEqual([
      ['2025-26', 1, null],
      ['2025-26', 2, null],
      ['2025-26', 2, 'training'],
      ['2026-27', 1, null],
    ]);
  });
});
