import { attendanceRate, tierAfterMinimum, type Tier } from '@leap/domain';
import type { SchoolMonthFigures, StudentAttendanceDoc } from './student-attendance-doc';

/** A period's figures as read: days, the attendance rate (percent, one decimal) and the tier. */
export interface PeriodFigures {
  daysEnrolled: number;
  daysAbsent: number;
  rate: number | null;
  /** Null while the period has fewer enrolled days than the district's minimum. */
  tier: Tier | null;
}

export interface MonthFigures extends PeriodFigures {
  /** `YYYY-MM`. */
  month: string;
}

export interface YearFigures {
  schoolYear: string;
  /** Oldest first; a month's figures are summed across the schools the student attended that month. */
  months: MonthFigures[];
  /** Every month of the school year so far, summed. */
  yearToDate: PeriodFigures;
}

export function periodFigures(
  daysEnrolled: number,
  daysAbsent: number,
  minimumEnrolledDays: number,
): PeriodFigures {
  return {
    daysEnrolled,
    daysAbsent,
    rate: attendanceRate(daysEnrolled, daysAbsent),
    tier: tierAfterMinimum(daysEnrolled, daysAbsent, minimumEnrolledDays),
  };
}

/**
 * A school year's months and year to date, with tiers after the district's minimum of enrolled days.
 * `throughMonth` (inclusive, `YYYY-MM`) leaves later months out (e.g. a baseline as of a date).
 */
export function yearFiguresOf(
  doc: StudentAttendanceDoc,
  schoolYear: string,
  minimumEnrolledDays: number,
  throughMonth?: string,
): YearFigures {
  const byMonth = new Map<string, { daysEnrolled: number; daysAbsent: number }>();
  for (const figures of Object.values(doc.years[schoolYear] ?? {})) {
    if (throughMonth !== undefined && figures.month > throughMonth) continue;
    const sum = byMonth.get(figures.month) ?? { daysEnrolled: 0, daysAbsent: 0 };
    byMonth.set(figures.month, addFigures(sum, figures));
  }
  const months = [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, sum]) => ({
      month,
      ...periodFigures(sum.daysEnrolled, sum.daysAbsent, minimumEnrolledDays),
    }));
  const total = months.reduce(addFigures, { daysEnrolled: 0, daysAbsent: 0 });
  return {
    schoolYear,
    months,
    yearToDate: periodFigures(total.daysEnrolled, total.daysAbsent, minimumEnrolledDays),
  };
}

/** The latest school year the student has any imported month in, or null. */
export function latestSchoolYearOf(doc: StudentAttendanceDoc): string | null {
  const years = Object.keys(doc.years).filter((year) => Object.keys(doc.years[year] ?? {}).length > 0);
  return years.sort().at(-1) ?? null;
}

function addFigures(
  sum: { daysEnrolled: number; daysAbsent: number },
  figures: Pick<SchoolMonthFigures, 'daysEnrolled' | 'daysAbsent'>,
): { daysEnrolled: number; daysAbsent: number } {
  return {
    daysEnrolled: sum.daysEnrolled + figures.daysEnrolled,
    daysAbsent: sum.daysAbsent + figures.daysAbsent,
  };
}
