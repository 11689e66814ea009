/**
 * The school calendar of the demo: school years run September to June, about 180 days, without
 * weekends and the usual Connecticut breaks. Summer months carry no attendance.
 */
export interface SchoolYearCalendar {
  /** e.g. `2025-26`. */
  schoolYear: string;
  /** `YYYY-MM` → the month's school days (`YYYY-MM-DD`), September to June, only months with days. */
  months: Map<string, string[]>;
  firstDay: string;
  lastDay: string;
}

const DAY_MS = 86_400_000;
export const SCHOOL_DAYS_PER_YEAR = 180;

export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const dateMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
export const addDays = (date: string, days: number): string => isoDate(dateMs(date) + days * DAY_MS);
export const weekday = (date: string): number => new Date(dateMs(date)).getUTCDay();

/** The n-th (1-based) given weekday of a month. */
function nthWeekday(year: number, month: number, day: number, n: number): string {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const offset = (day - weekday(first) + 7) % 7;
  return addDays(first, offset + 7 * (n - 1));
}

function holidays(startYear: number): Set<string> {
  const next = startYear + 1;
  const days = new Set<string>();
  const range = (from: string, count: number) => {
    for (let i = 0; i < count; i++) days.add(addDays(from, i));
  };
  const thanksgiving = nthWeekday(startYear, 11, 4, 4);
  range(thanksgiving, 2);
  range(`${startYear}-12-23`, 10); // winter break to January 1
  days.add(nthWeekday(next, 1, 1, 3)); // Martin Luther King Jr. Day
  range(nthWeekday(next, 2, 1, 3), 5); // February break
  range(nthWeekday(next, 4, 1, 2), 5); // April break
  const lastMondayOfMay = addDays(nthWeekday(next, 6, 1, 1), -7);
  days.add(lastMondayOfMay);
  return days;
}

/** The school year starting in September of `startYear`, cut at `through` when it ends earlier. */
export function schoolYearCalendar(startYear: number, through: string): SchoolYearCalendar {
  const schoolYear = `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
  const closed = holidays(startYear);
  // School starts the day after Labor Day.
  let day = addDays(nthWeekday(startYear, 9, 1, 1), 1);
  const months = new Map<string, string[]>();
  let count = 0;
  const last = `${startYear + 1}-06-30`;
  while (count < SCHOOL_DAYS_PER_YEAR && day <= last && day <= through) {
    const wd = weekday(day);
    if (wd !== 0 && wd !== 6 && !closed.has(day)) {
      const month = day.slice(0, 7);
      months.set(month, [...(months.get(month) ?? []), day]);
      count += 1;
    }
    day = addDays(day, 1);
  }
  const all = [...months.values()].flat();
  return { schoolYear, months, firstDay: all[0] ?? day, lastDay: all.at(-1) ?? day };
}

/** The two school years ending at `through` (the second may be cut short by it). */
export function demoCalendar(through: string): [SchoolYearCalendar, SchoolYearCalendar] {
  const year = Number(through.slice(0, 4));
  const secondStart = Number(through.slice(5, 7)) >= 9 ? year : year - 1;
  return [schoolYearCalendar(secondStart - 1, through), schoolYearCalendar(secondStart, through)];
}

/** Months from `a` to `b` (`YYYY-MM`), e.g. 2025-09 → 2026-03 is 6. */
export function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}
