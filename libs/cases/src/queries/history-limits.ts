/** Revisions a history page spans when `limit` is not given. */
export const DEFAULT_HISTORY_PAGE = 100;
/** The largest `limit` a history page accepts. */
export const MAX_HISTORY_PAGE = 200;
/** Events the whole-history answer serves at most when `LEAP_HISTORY_MAX_EVENTS` is not set. */
export const DEFAULT_HISTORY_MAX_EVENTS = 2_000;

/**
 * The largest case whose whole history one answer serves (`LEAP_HISTORY_MAX_EVENTS`): past it the
 * history is read in pages. Bounds what one request holds in memory.
 * @throws Error naming the variable when it is not a whole number ≥ 1
 */
export function historyMaxEventsOf(env: NodeJS.ProcessEnv): number {
  const raw = env.LEAP_HISTORY_MAX_EVENTS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_HISTORY_MAX_EVENTS;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error('LEAP_HISTORY_MAX_EVENTS must be a whole number ≥ 1');
  return value;
}

/** The link to the page that starts at `fromRevision`, with the same `limit` and `knownAt`. */
export function historyPageLink(
  caseId: string,
  fromRevision: bigint,
  limit: number,
  knownAt?: string,
): string {
  const query = new URLSearchParams({ fromRevision: String(fromRevision), limit: String(limit) });
  if (knownAt !== undefined) query.set('knownAt', knownAt);
  return `/v1/cases/${encodeURIComponent(caseId)}/history?${query.toString()}`;
}
