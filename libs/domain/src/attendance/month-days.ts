import {
  ATTENDANCE_CATEGORIES,
  type AttendanceCategory,
  categoryOfDayCode,
  countsAsAbsent,
  DAY_CODES,
  NO_RECORD,
  type PartialCountsAs,
} from './categories';

/**
 * A student's days in one school and month, as imported from daily files: a string with one
 * character per day of the month (`DAY_CODES`, `.` for no record), e.g. 30 characters for September.
 * It is what makes a month the union of every file imported for it, keyed by date: a weekly extract
 * fills its days and leaves the others as they were.
 */
export type MonthDays = string;

export interface MonthFigures {
  daysEnrolled: number;
  daysAbsent: number;
}

export type CategoryCounts = Record<AttendanceCategory, number>;

/** `YYYY-MM` of a business date. */
export const monthOf = (date: string): string => date.slice(0, 7);

export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

export const emptyMonthDays = (month: string): MonthDays => NO_RECORD.repeat(daysInMonth(month));

/** The month's days with `category` recorded on `date` (which must be in the month). */
export function withDay(days: MonthDays, date: string, category: AttendanceCategory): MonthDays {
  const index = Number(date.slice(8, 10)) - 1;
  return days.slice(0, index) + DAY_CODES[category] + days.slice(index + 1);
}

/**
 * The union of what was recorded and what a new import brings: days the import has no record of keep
 * their category; `changed` lists the dates (day numbers, 1-based) whose category the import changed.
 */
export function mergeMonthDays(
  recorded: MonthDays,
  incoming: MonthDays,
): { days: MonthDays; added: number[]; changed: number[] } {
  // The two cases of most months, answered without building the union day by day: the same days
  // again (a re-import), and a month with nothing recorded yet (a first import).
  if (incoming === recorded) return { days: recorded, added: [], changed: [] };
  if (incoming.length === recorded.length && recorded === NO_RECORD.repeat(recorded.length)) {
    const added: number[] = [];
    for (let index = 0; index < incoming.length; index += 1)
      if (incoming[index] !== NO_RECORD) added.push(index + 1);
    return { days: incoming, added, changed: [] };
  }
  let days = '';
  const added: number[] = [];
  const changed: number[] = [];
  for (let index = 0; index < incoming.length; index += 1) {
    const before = recorded[index] ?? NO_RECORD;
    const after = incoming[index];
    if (after === NO_RECORD || after === before) {
      days += before;
      continue;
    }
    (before === NO_RECORD ? added : changed).push(index + 1);
    days += after;
  }
  return { days, added, changed };
}

export function categoryCountsOf(days: MonthDays): CategoryCounts {
  // In the order of ATTENDANCE_CATEGORIES, the order stored events write them in.
  const counts: CategoryCounts = {
    in_attendance: 0,
    excused_absence: 0,
    unexcused_absence: 0,
    tardy: 0,
    early_departure: 0,
    partial: 0,
  };
  for (let index = 0; index < days.length; index += 1) {
    const category = categoryOfDayCode(days[index]!);
    if (category) counts[category] += 1;
  }
  return counts;
}

/** Days enrolled (every day with a record) and absent (by `countsAsAbsent`) of a month's days. */
export function figuresOfCounts(counts: CategoryCounts, partialCountsAs: PartialCountsAs): MonthFigures {
  let daysEnrolled = 0;
  let daysAbsent = 0;
  for (const category of ATTENDANCE_CATEGORIES) {
    daysEnrolled += counts[category];
    if (countsAsAbsent(category, partialCountsAs)) daysAbsent += counts[category];
  }
  return { daysEnrolled, daysAbsent };
}
