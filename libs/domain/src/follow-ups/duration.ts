import { instantOfWallTime, wallTimeAt, type WallTime } from './zoned-time';

/**
 * ISO-8601 durations, `PnYnMnWnDTnHnMnS` (seconds may have a fraction). Years, months, weeks and
 * days are calendar time in a zone (P1D across a daylight-saving change is 23 or 25 hours; P1M from
 * January 31 ends on the last day of February); hours, minutes and seconds are exact time.
 */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;
const DAY_MS = 86_400_000;

/** The duration, or null when the text is not one (or is empty, like `P` or `PT`). */
export function parseDuration(text: string): Duration | null {
  const match = PATTERN.exec(text);
  if (!match || text.endsWith('T') || text === 'P') return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** A duration that passes some time (`P0D` does not). */
export function isPositiveDuration(d: Duration): boolean {
  return hasCalendarPart(d) || exactMs(d) > 0;
}

const hasCalendarPart = (d: Duration): boolean => d.years + d.months + d.weeks + d.days > 0;
const exactMs = (d: Duration): number => Math.round(((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);

/** A day or more: such a rule's clock starts at the start of the business date, not at an instant. */
export function isDayOrLonger(d: Duration): boolean {
  return hasCalendarPart(d) || exactMs(d) >= DAY_MS;
}

/** `start` plus the duration: calendar parts on the zone's wall clock, then exact time. */
export function addDuration(startMs: number, d: Duration, timeZone: string): number {
  if (!hasCalendarPart(d)) return startMs + exactMs(d);
  const wall = wallTimeAt(startMs, timeZone);
  const monthIndex = wall.year * 12 + (wall.month - 1) + d.years * 12 + d.months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const day = Math.min(wall.day, daysInMonth(year, month));
  // Weeks and days move the date; Date.UTC normalizes an overflowing day into the next month.
  const date = new Date(Date.UTC(year, month - 1, day + d.weeks * 7 + d.days));
  const moved: WallTime = {
    ...wall,
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  };
  return instantOfWallTime(moved, timeZone) + exactMs(d);
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
