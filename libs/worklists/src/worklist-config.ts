import { parseDuration } from '@leap/domain';

/** Where the worklist reads the time: injectable, so tests decide what is overdue or still snoozed. */
export interface WorklistClock {
  now(): Date;
}
export const WORKLIST_CLOCK = Symbol('WORKLIST_CLOCK');
export const WORKLIST_CONFIG = Symbol('WORKLIST_CONFIG');

export interface WorklistConfig {
  /** ISO-8601 duration as configured (`LEAP_WORKLIST_OVERDUE_AFTER`, default `P1D`). */
  overdueAfter: string;
  overdueAfterMs: number;
}

export const DEFAULT_OVERDUE_AFTER = 'P1D';
const HOUR_MS = 3_600_000;

/**
 * The grace period after which an open item is overdue. It is exact time (`P1D` is 24 hours,
 * `P1W` 168), not school days: the cut-off must be one instant for a whole page (it becomes an
 * index range), which calendar arithmetic in a time zone cannot give for every row at once.
 * Years and months are refused for the same reason.
 */
export function worklistConfigFromEnv(env: NodeJS.ProcessEnv): WorklistConfig {
  const overdueAfter = env.LEAP_WORKLIST_OVERDUE_AFTER || DEFAULT_OVERDUE_AFTER;
  const overdueAfterMs = exactDurationMs(overdueAfter);
  if (overdueAfterMs === null) {
    throw new Error(
      `LEAP_WORKLIST_OVERDUE_AFTER must be an ISO-8601 duration in weeks, days and time (P1D, PT4H): ${overdueAfter}`,
    );
  }
  return { overdueAfter, overdueAfterMs };
}

/** Milliseconds of a duration without years or months, or null. `P0D` is allowed (overdue once due). */
export function exactDurationMs(text: string): number | null {
  const d = parseDuration(text);
  if (d === null || d.years > 0 || d.months > 0) return null;
  const hours = (d.weeks * 7 + d.days) * 24 + d.hours;
  return Math.round(hours * HOUR_MS + d.minutes * 60_000 + d.seconds * 1000);
}
