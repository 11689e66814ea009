import type { StudentAttendanceYear } from './student-attendance';
import { addDuration, type Duration } from '../follow-ups/duration';
import { startOfDate } from '../follow-ups/zoned-time';

/**
 * School months and the figures an automatic attendance check records. Months are `YYYY-MM`; school
 * months run September to June (summer months carry no attendance). A month has ended once its last
 * day is before today (in the districts' time zone).
 */
export const isSchoolMonth = (month: string): boolean => !['07', '08'].includes(month.slice(5, 7));

export function lastDayOfMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/** The first day of the month after `month`. */
export function dayAfterMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, mon, 1)).toISOString().slice(0, 10);
}

export const hasMonthEnded = (month: string, today: string): boolean => lastDayOfMonth(month) < today;

function previousMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, mon - 2, 1)).toISOString().slice(0, 7);
}

/**
 * The latest school month that ended at least `grace` ago at `nowMs` (its end is the start of the
 * next month's first day in `timeZone`): the month whose attendance should be in by now.
 */
export function lastSchoolMonthDue(nowMs: number, grace: Duration, timeZone: string, today: string): string {
  let month = previousMonth(today.slice(0, 7));
  for (;;) {
    const ended = startOfDate(dayAfterMonth(month), timeZone);
    if (isSchoolMonth(month) && addDuration(ended, grace, timeZone) <= nowMs) return month;
    month = previousMonth(month);
  }
}

export interface MonthCheckFigures {
  month: string;
  /** The month's last day. */
  asOf: string;
  daysEnrolled: number;
  daysAbsent: number;
  yearToDate: { schoolYear: string; through: string; daysEnrolled: number; daysAbsent: number };
}

/**
 * A month's figures summed over every school the student attended that month, and the school year
 * up to and including it; null when the stream holds nothing for that month.
 */
export function monthCheckOf(
  year: StudentAttendanceYear,
  schoolYear: string,
  month: string,
): MonthCheckFigures | null {
  let found = false;
  const sums = { daysEnrolled: 0, daysAbsent: 0, ytdEnrolled: 0, ytdAbsent: 0 };
  for (const recorded of year.months.values()) {
    if (recorded.month > month) continue;
    sums.ytdEnrolled += recorded.daysEnrolled;
    sums.ytdAbsent += recorded.daysAbsent;
    if (recorded.month !== month) continue;
    found = true;
    sums.daysEnrolled += recorded.daysEnrolled;
    sums.daysAbsent += recorded.daysAbsent;
  }
  if (!found) return null;
  return {
    month,
    asOf: lastDayOfMonth(month),
    daysEnrolled: sums.daysEnrolled,
    daysAbsent: sums.daysAbsent,
    yearToDate: { schoolYear, through: month, daysEnrolled: sums.ytdEnrolled, daysAbsent: sums.ytdAbsent },
  };
}

/** The whole school year as imported so far (every month, every school). */
export function yearTotalsOf(year: StudentAttendanceYear): { daysEnrolled: number; daysAbsent: number } {
  let daysEnrolled = 0;
  let daysAbsent = 0;
  for (const recorded of year.months.values()) {
    daysEnrolled += recorded.daysEnrolled;
    daysAbsent += recorded.daysAbsent;
  }
  return { daysEnrolled, daysAbsent };
}

/** The months the stream holds, oldest first. */
export const monthsOfYear = (year: StudentAttendanceYear): string[] =>
  [...new Set([...year.months.values()].map((recorded) => recorded.month))].sort();
