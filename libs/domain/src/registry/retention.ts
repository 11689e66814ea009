import { addDuration, parseDuration } from '../follow-ups/duration';

/**
 * A district's retention period: how long after a case's closure the family's personal data is
 * kept before it is erased automatically (`P3Y`). Calendar time only (years, months, weeks, days):
 * a retention counts days, not hours. Between one day and fifty years.
 */
const RETENTION = /^P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$/;
const LONGEST_DAYS = 50 * 366;

export function retentionProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value === 'P' || !RETENTION.test(value))
    return 'must be an ISO-8601 duration in years, months, weeks or days, such as P3Y or P18M';
  const end = retentionEndOf('2000-01-01', value);
  if (end <= '2000-01-01') return 'must be at least one day (P1D)';
  if (Date.parse(end) - Date.parse('2000-01-01') > LONGEST_DAYS * 86_400_000)
    return 'must be at most fifty years';
  return null;
}

/** The last day the data of a case closed on `closedOn` is kept: closure plus the retention period. */
export function retentionEndOf(closedOn: string, retention: string): string {
  const duration = parseDuration(retention);
  if (!duration) throw new Error(`Not a retention period: ${retention}`);
  const end = addDuration(Date.parse(`${closedOn}T00:00:00Z`), duration, 'UTC');
  return new Date(end).toISOString().slice(0, 10);
}

/** Whether a case closed on `closedOn` is due for erasure on `today` under the district's retention. */
export const isPastRetention = (closedOn: string, retention: string, today: string): boolean =>
  retentionEndOf(closedOn, retention) <= today;
