import { parseDuration } from '../follow-ups/duration';
import { lastSchoolMonthDue, monthCheckOf, hasMonthEnded, lastDayOfMonth } from './month-checks';
import { evolveAttendanceYear, initialAttendanceYear, type AttendanceMonth } from './student-attendance';

const month = (schoolId: string, m: string, daysEnrolled: number, daysAbsent: number): AttendanceMonth => ({
  student: 'stu_1',
  districtId: 'd1',
  schoolId,
  schoolYear: '2024-25',
  month: m,
  partialCountsAs: 'present',
  daysEnrolled,
  daysAbsent,
  byCategory: null,
  days: null,
  periods: [],
});

describe('when a month’s check figures are computed', () => {
  const year = [
    month('sch-1', '2024-09', 20, 1),
    month('sch-1', '2024-10', 10, 2),
    month('sch-2', '2024-10', 12, 1),
    month('sch-2', '2024-11', 18, 9),
  ]
    .map((data) => ({ type: 'AttendanceMonthRecorded.v1' as const, data }))
    .reduce(evolveAttendanceYear, initialAttendanceYear());

  it('sums the month over schools and the year up to and including it', () => {
    expect(monthCheckOf(year, '2024-25', '2024-10')).toEqual({
      month: '2024-10',
      asOf: '2024-10-31',
      daysEnrolled: 22,
      daysAbsent: 3,
      yearToDate: { schoolYear: '2024-25', through: '2024-10', daysEnrolled: 42, daysAbsent: 4 },
    });
  });

  it('has none for a month without attendance', () => {
    expect(monthCheckOf(year, '2024-25', '2024-12')).toBeNull();
  });
});

describe('when school months end', () => {
  it('ends a month once its last day is past', () => {
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(hasMonthEnded('2024-10', '2024-10-31')).toBe(false);
    expect(hasMonthEnded('2024-10', '2024-11-01')).toBe(true);
  });

  it('finds the last school month ended at least the grace ago, skipping the summer', () => {
    const week = parseDuration('P7D')!;
    const zone = 'America/New_York';
    expect(lastSchoolMonthDue(Date.parse('2024-11-08T12:00:00Z'), week, zone, '2024-11-08')).toBe('2024-10');
    expect(lastSchoolMonthDue(Date.parse('2024-11-03T12:00:00Z'), week, zone, '2024-11-03')).toBe('2024-09');
    expect(lastSchoolMonthDue(Date.parse('2024-08-20T12:00:00Z'), week, zone, '2024-08-20')).toBe('2024-06');
  });
});
