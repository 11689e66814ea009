import type { CaseFacts, FidelityFacts } from './facts';
import type { MetricsQuery } from './cut';
import { dueDateOf } from './entry-counts';
import { MetricsAccumulator, type FidelityMetrics } from './metrics';

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
 *
 * Incremental, through the one definition (`MetricsAccumulator`): a case whose every date lies on
 * or before a step's end counts alike at that step and every later one, so it is added once to the
 * counts carried from step to step; each step copies those and adds only the cases still open.
 */
export function seriesOf(
  facts: FidelityFacts,
  query: MetricsQuery & { from: string; to: string },
  step: SeriesStep,
): SeriesPoint[] {
  const endOf = (date: string) => (query.onDate !== undefined && query.onDate < date ? query.onDate : date);
  const dates = stepDates(query.from, query.to, step);
  const { districtId } = query;
  const cases = [...facts.cases.values()]
    .filter((c) => districtId === undefined || c.districtId === districtId)
    .map((c) => ({ c, settled: lastDateOf(c, facts.districts.get(c.districtId)?.timeZone ?? 'UTC') }))
    .sort((a, b) => (a.settled < b.settled ? -1 : a.settled > b.settled ? 1 : 0));
  const settled = new MetricsAccumulator(facts, { ...query, onDate: endOf(dates.at(-1) ?? query.to) });
  let open = 0;
  return dates.map((date) => {
    const onDate = endOf(date);
    for (; open < cases.length && (cases[open] as (typeof cases)[number]).settled <= onDate; open++) {
      settled.add((cases[open] as (typeof cases)[number]).c);
    }
    const point = settled.copyFor({ ...query, onDate });
    for (let i = open; i < cases.length; i++) point.add((cases[i] as (typeof cases)[number]).c);
    return { date, metrics: point.metrics() };
  });
}

/** The case's last business date: of any fact, outcome, completion or follow-up due date. */
function lastDateOf(c: CaseFacts, timeZone: string): string {
  let last = c.identified.on;
  const see = (on: string) => {
    if (on > last) last = on;
  };
  for (const list of [c.offers, c.decisions, c.visits, c.calls, c.checks])
    for (const fact of list) see(fact.on);
  for (const referral of c.referrals) {
    see(referral.on);
    for (const outcome of referral.outcomes) see(outcome.on);
  }
  for (const followUp of c.followUps) {
    see(dueDateOf(followUp, timeZone));
    if (followUp.completed) see(followUp.completed.on);
  }
  return last;
}
