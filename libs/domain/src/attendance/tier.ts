import type { Tier } from '../vocabulary';

/**
 * The attendance tier of a period, by the share of enrolled days absent (Attendance Works bands):
 * under 5% satisfactory, 5 to under 10% at risk, 10 to under 20% chronic, 20% or more severe chronic.
 *
 * Shares are compared as integers (`absent * 100` against `enrolled * percent`) so that boundaries
 * such as 2 of 20 days (exactly 10%) land in the upper band without floating-point error.
 * A period with no enrolled days has no absences to speak of and is satisfactory.
 */
export function tierOf(daysEnrolled: number, daysAbsent: number): Tier {
  if (daysEnrolled <= 0) return 'satisfactory';
  const absentShare = daysAbsent * 100;
  if (absentShare >= daysEnrolled * 20) return 'severe_chronic';
  if (absentShare >= daysEnrolled * 10) return 'chronic';
  if (absentShare >= daysEnrolled * 5) return 'at_risk';
  return 'satisfactory';
}

/** Whether a period's figures can be counted: whole, non-negative days, no more absent than enrolled. */
export function isValidAttendance(daysEnrolled: number, daysAbsent: number): boolean {
  return (
    Number.isInteger(daysEnrolled) &&
    Number.isInteger(daysAbsent) &&
    daysEnrolled >= 0 &&
    daysAbsent >= 0 &&
    daysAbsent <= daysEnrolled
  );
}
