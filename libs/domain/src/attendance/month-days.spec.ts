import {
  categoryCountsOf,
  daysInMonth,
  emptyMonthDays,
  figuresOfCounts,
  mergeMonthDays,
  monthOf,
  withDay,
} from './month-days';

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
  });

  it('counts excused and unexcused absences as absent, tardy and early departure as present', () => {
    expect(figuresOfCounts(categoryCountsOf(days), 'present')).toEqual({ daysEnrolled: 6, daysAbsent: 2 });
  });

  it('counts partial days as the district decides', () => {
    expect(figuresOfCounts(categoryCountsOf(days), 'absent')).toEqual({ daysEnrolled: 6, daysAbsent: 3 });
  });
});
