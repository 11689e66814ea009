import { daysInMonth, monthOf, schoolYearOf } from '@leap/domain';
import { yearFiguresOf } from './attendance-figures';
import type { RosterFacts, StudentAttendanceDoc } from './student-attendance-doc';

/** What identifying a student can take from imported data when the request leaves it out. */
export interface ImportedStudent extends RosterFacts {
  /** Personal data from the roster's `pii` (null when absent, erased or unreadable). */
  guardianName: string | null;
  guardianPhone: string | null;
  /** Null when no month of the school year had ended by the identification date. */
  baseline: { asOf: string; daysEnrolled: number; daysAbsent: number } | null;
}

/** The last day of a `YYYY-MM` month, as a business date. */
export const monthEndOf = (month: string): string =>
  `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;

/**
 * The baseline of an identification on `identifiedOn`: the school year's days enrolled and absent
 * up to the end of the last imported month that had ended by then (a month still under way is left
 * out, so the baseline is measured on or before the identification date), as of that month's end.
 * Null when no such month has any enrolled day.
 */
export function baselineOf(doc: StudentAttendanceDoc, identifiedOn: string): ImportedStudent['baseline'] {
  const current = monthOf(identifiedOn);
  const lastEnded = identifiedOn === monthEndOf(current) ? current : previousMonth(current);
  const year = yearFiguresOf(doc, schoolYearOf(identifiedOn), 0, lastEnded);
  const last = year.months.at(-1);
  if (!last || year.yearToDate.daysEnrolled < 1) return null;
  return {
    asOf: monthEndOf(last.month),
    daysEnrolled: year.yearToDate.daysEnrolled,
    daysAbsent: year.yearToDate.daysAbsent,
  };
}

function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
