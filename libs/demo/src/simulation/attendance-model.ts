import { DAY_CODES } from '@leap/domain';
import type { Random } from './random';

/**
 * Absences: each student has a persistent level (`DemoStudent.level`), each month multiplies it by a
 * seasonal factor and by month-to-month noise (log-normal), and each school day is absent with the
 * month's probability. Identification reacts to a noisy bad month, so a student's next months tend
 * back towards their level: regression to the mean, which a served-only before/after mistakes for
 * an effect.
 */
const SEASON: Record<string, number> = {
  '09': 0.8,
  '10': 0.9,
  '11': 1.0,
  '12': 1.3,
  '01': 1.1,
  '02': 1.3,
  '03': 1.0,
  '04': 1.0,
  '05': 1.1,
  '06': 1.25,
};
export const MONTH_NOISE = 0.55;

/** The month's probability of absence on any school day, without the program. */
export function monthAbsence(random: Random, level: number, month: string): number {
  const season = SEASON[month.slice(5, 7)] ?? 1;
  return Math.min(0.95, level * season * Math.exp(MONTH_NOISE * random.normal()));
}

export interface DrawnMonth {
  /** One day code per school day (Ed-Fi categories as `DAY_CODES`), as recorded: with the program. */
  codes: string;
  daysEnrolled: number;
  daysAbsent: number;
  /** Days absent had the student not been served (the same draws, without the effect). */
  daysAbsentWithout: number;
}

/**
 * The month's days, drawn once for both worlds: the same uniform decides a day with and without the
 * program, so their difference is the effect alone. `reduction` (share of days, ≥ 0) lowers the
 * probability of absence, which cannot go below zero (attendance is capped at 100%).
 */
export function drawMonth(random: Random, days: number, absence: number, reduction: number): DrawnMonth {
  const served = Math.max(0, absence - reduction);
  let codes = '';
  let daysAbsent = 0;
  let daysAbsentWithout = 0;
  for (let day = 0; day < days; day++) {
    const u = random.next();
    const v = random.next();
    if (u < absence) daysAbsentWithout += 1;
    if (u < served) {
      daysAbsent += 1;
      codes += v < 0.35 ? DAY_CODES.excused_absence : DAY_CODES.unexcused_absence;
    } else {
      codes +=
        v < 0.04
          ? DAY_CODES.tardy
          : v < 0.05
            ? DAY_CODES.early_departure
            : v < 0.06
              ? DAY_CODES.partial
              : DAY_CODES.in_attendance;
    }
  }
  return { codes, daysEnrolled: days, daysAbsent, daysAbsentWithout };
}
