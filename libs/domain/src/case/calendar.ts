/**
 * The calendar of a LEAP program: which dates are plausible, which school year a date belongs to,
 * how far a follow-up may be set aside. Dates are `YYYY-MM-DD` calendar dates (they compare as
 * strings); "today" is the caller's, since the domain reads no clock.
 */

/** Nothing a program records happened before this date. */
export const EARLIEST_BUSINESS_DATE = '2000-01-01';

/** How far ahead a planned date (a scheduled visit) may lie. */
export const PLANNING_HORIZON_YEARS = 1;

/** How far ahead a follow-up may be snoozed. */
export const MAX_SNOOZE_DAYS = 90;

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SCHOOL_YEAR = /^(\d{4})-(\d{2})$/;

/** A real calendar day written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The last date that may be planned from `today`: the same day a year later (Feb 29 → Mar 1). */
export function latestPlannedDate(today: string): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + PLANNING_HORIZON_YEARS);
  return date.toISOString().slice(0, 10);
}

/** School years run from July to June: 2026-10-01 and 2027-03-01 are in `2026-27`, 2027-07-01 in `2027-28`. */
export function schoolYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 7 ? year : year - 1;
  return formatSchoolYear(start);
}

/** The first calendar year of a school year written `2026-27` (the second part the next year), else null. */
export function schoolYearStart(value: string): number | null {
  const match = SCHOOL_YEAR.exec(value);
  if (!match) return null;
  const start = Number(match[1]);
  return Number(match[2]) === (start + 1) % 100 ? start : null;
}

/**
 * The school years a request may name, from the one holding the earliest business date to the one
 * after today's (`1999-00` … next year's), so every plausible date has a plausible school year.
 */
export function schoolYearRange(today: string): { earliest: string; latest: string } {
  const latestStart = Number(schoolYearOf(today).slice(0, 4)) + 1;
  return { earliest: schoolYearOf(EARLIEST_BUSINESS_DATE), latest: formatSchoolYear(latestStart) };
}

/** The latest instant (epoch ms) a follow-up may be snoozed until, asked at `requestedAt`. */
export function latestSnoozeUntil(requestedAt: string): number {
  return Date.parse(requestedAt) + MAX_SNOOZE_DAYS * DAY_MS;
}

function formatSchoolYear(start: number): string {
  return `${String(start).padStart(4, '0')}-${String((start + 1) % 100).padStart(2, '0')}`;
}
