import {
  categoryCountsOf,
  daysInMonth,
  emptyMonthDays,
  figuresOfCounts,
  mergeMonthDays,
  monthOf,
  withDay,
} from './month-days';
import { ATTENDANCE_CATEGORIES } from './categories';

describe("when a month's days are written as a string", () => {
  it('has one character per day of the month, leap years included', () => {
    expect(daysInMonth('2025-09')).toBe(30);
    expect(daysInMonth('2025-12')).toBe(31);
    expect(daysInMonth('2026-02')).toBe(28);
    expect(daysInMonth('2028-02')).toBe(29);
    expect(emptyMonthDays('2025-09')).toBe('.'.repeat(30));
    expect(monthOf('2025-09-14')).toBe('2025-09');
  });

  it('records a category on its date and leaves the other days as they were', () => {
    let days = emptyMonthDays('2025-09');
    days = withDay(days, '2025-09-01', 'in_attendance');
    days = withDay(days, '2025-09-30', 'unexcused_absence');
    days = withDay(days, '2025-09-02', 'partial');
    expect(days).toBe(`PX${'.'.repeat(27)}U`);
    expect(days).toHaveLength(30);
  });
});

describe('when an import is merged into what was recorded', () => {
  const recorded = `PPE${'.'.repeat(27)}`;

  it('adds the days the import brings and keeps the days it has no record of', () => {
    const incoming = `...PU${'.'.repeat(25)}`;
    expect(mergeMonthDays(recorded, incoming)).toEqual({
      days: `PPEPU${'.'.repeat(25)}`,
      added: [4, 5],
      changed: [],
    });
  });

  it('names the days whose category changed', () => {
    const incoming = `PUE${'.'.repeat(27)}`;
    expect(mergeMonthDays(recorded, incoming)).toEqual({
      days: `PUE${'.'.repeat(27)}`,
      added: [],
      changed: [2],
    });
  });

  it('changes nothing when the import repeats what was recorded', () => {
    expect(mergeMonthDays(recorded, recorded)).toEqual({ days: recorded, added: [], changed: [] });
  });

  it('changes nothing when the import has no record of any day', () => {
    expect(mergeMonthDays(recorded, emptyMonthDays('2025-09'))).toEqual({
      days: recorded,
      added: [],
      changed: [],
    });
  });

  it('adds every day the import brings to a month with nothing recorded yet', () => {
    const incoming = `P.EUTDX${'.'.repeat(22)}P`;
    expect(mergeMonthDays(emptyMonthDays('2025-09'), incoming)).toEqual({
      days: incoming,
      added: [1, 3, 4, 5, 6, 7, 30],
      changed: [],
    });
  });
});

describe("when a month's figures are counted", () => {
  const days = 'PEUTDX..';

  it('counts every recorded day by category', () => {
    expect(categoryCountsOf(days)).toEqual({
      in_attendance: 1,
      excused_absence: 1,
      unexcused_absence: 1,
      tardy: 1,
      early_departure: 1,
      partial: 1,
    });
    expect(categoryCountsOf(`PPE${'.'.repeat(27)}`)).toMatchObject({ in_attendance: 2, excused_absence: 1 });
  });

  it('writes the categories in their stated order, as stored events have them', () => {
    expect(Object.keys(categoryCountsOf(days))).toEqual([...ATTENDANCE_CATEGORIES]);
  });

  it('counts excused and unexcused absences as absent, tardy and early departure as present', () => {
    expect(figuresOfCounts(categoryCountsOf(days), 'present')).toEqual({ daysEnrolled: 6, daysAbsent: 2 });
  });

  it('counts partial days as the district decides', () => {
    expect(figuresOfCounts(categoryCountsOf(days), 'absent')).toEqual({ daysEnrolled: 6, daysAbsent: 3 });
  });
});
