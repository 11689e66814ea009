import type { FidelityFacts } from './facts';
import type { MetricsQuery } from './cut';
import { metricsOf, type FidelityMetrics } from './metrics';

export type SeriesStep = 'week' | 'month';
export const SERIES_STEPS: readonly SeriesStep[] = ['week', 'month'];
/** At most this many points in one series (five years of weeks). */
export const MAX_SERIES_POINTS = 262;

export interface SeriesPoint {
  /** The step's last business date: the point is the program as it stood on that date. */
  date: string;
  metrics: FidelityMetrics;
}

const DAY_MS = 86_400_000;
const dateAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * The steps' last dates from `from` to `to` inclusive: every seventh day counted from `from`, or
 * every month's last day; `to` closes the last step when it falls inside one.
 */
export function stepDates(from: string, to: string, step: SeriesStep): string[] {
  const dates: string[] = [];
  if (step === 'week') {
    for (let end = msOf(from) + 6 * DAY_MS; dateAt(end) < to; end += 7 * DAY_MS) dates.push(dateAt(end));
  } else {
    const start = new Date(msOf(from));
    for (let month = 1; ; month++) {
      const end = dateAt(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + month, 1) - DAY_MS);
      if (end >= to) break;
      dates.push(end);
    }
  }
  return [...dates, to];
}

/**
 * The metrics at every step, from facts folded once: each point is exactly `metricsOf` with
 * `onDate` at the step's last date, so a series equals the `onDate` replays it stands for.
 */
export function seriesOf(
  facts: FidelityFacts,
  query: MetricsQuery & { from: string; to: string },
  step: SeriesStep,
): SeriesPoint[] {
  // The district's cases are picked once, not at every step.
  const { districtId } = query;
  const cases = [...facts.cases.values()].filter(
    (c) => districtId === undefined || c.districtId === districtId,
  );
  return stepDates(query.from, query.to, step).map((date) => ({
    date,
    metrics: metricsOf(
      facts,
      {
        ...query,
        onDate: query.onDate !== undefined && query.onDate < date ? query.onDate : date,
      },
      cases,
    ),
  }));
}
