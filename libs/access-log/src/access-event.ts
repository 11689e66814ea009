import type { RecordedEvent } from '@leap/event-store';

/**
 * One response that carried personal data (or one refused attempt at a case), as recorded in the
 * district's access stream. The record itself carries no personal data: logins, roles, case ids,
 * the route pattern and the query with personal values removed (see `redactQuery`).
 */
export const PERSONAL_DATA_ACCESSED = 'PersonalDataAccessed.v1';
/** Per-case reads of earlier versions, in `caseaccess-<caseId>` streams (read only). */
export const LEGACY_CASE_RECORD_ACCESSED = 'CaseRecordAccessed.v1';

/** `served`: the response carried the cases' personal data; `refused`: answered 404, nothing shown. */
export type AccessOutcome = 'served' | 'refused';

export interface PersonalDataAccessedData {
  at: string;
  actorId: string;
  actorRole: string;
  /** The district of the cases (for a state-wide admin too): whose privacy officer audits it. */
  districtId: string;
  /** Method and route pattern, e.g. `GET /v1/cases/:caseId/history`. */
  route: string;
  query: Record<string, string>;
  caseIds: string[];
  /** Students without a case whose personal data the response carried (pseudonyms), when any. */
  students?: string[];
  outcome: AccessOutcome;
}

export const ACCESS_STREAM_PREFIX = 'access-';
export const LEGACY_CASE_ACCESS_PREFIX = 'caseaccess-';

/**
 * `access-<districtId>-<YYYY-MM-DD>` (UTC day of the access): category `access` (the part before
 * the first dash), so read models of cases never see it; one stream per district and day keeps
 * streams short and lets a district's log be read or archived by day.
 */
export function accessStreamId(districtId: string, at: Date): string {
  return `${ACCESS_STREAM_PREFIX}${districtId}-${at.toISOString().slice(0, 10)}`;
}

/** The entry an access event stands for, from either version; null for any other event. */
export function accessEntryOf(event: RecordedEvent): (PersonalDataAccessedData & { entryId: string }) | null {
  if (event.type === PERSONAL_DATA_ACCESSED && event.streamId.startsWith(ACCESS_STREAM_PREFIX)) {
    return { entryId: event.id, ...(event.data as unknown as PersonalDataAccessedData) };
  }
  if (event.type === LEGACY_CASE_RECORD_ACCESSED && event.streamId.startsWith(LEGACY_CASE_ACCESS_PREFIX)) {
    const data = event.data as { caseId: string; view: 'case' | 'history'; asOf?: string };
    const m = event.metadata;
    return {
      entryId: event.id,
      at: new Date(typeof m.recordedAt === 'string' ? m.recordedAt : event.recordedAt).toISOString(),
      actorId: String(m.actorId),
      actorRole: String(m.actorRole),
      districtId: String(m.districtId),
      route: data.view === 'history' ? 'GET /v1/cases/:caseId/history' : 'GET /v1/cases/:caseId',
      query: data.asOf ? { knownAt: data.asOf } : {},
      caseIds: [data.caseId],
      outcome: 'served',
    };
  }
  return null;
}
