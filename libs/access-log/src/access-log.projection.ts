import { jsonDocumentStore, type Projection } from '@leap/projections';
import {
  ACCESS_STREAM_PREFIX,
  LEGACY_CASE_ACCESS_PREFIX,
  LEGACY_CASE_RECORD_ACCESSED,
  PERSONAL_DATA_ACCESSED,
  accessEntryOf,
  type PersonalDataAccessedData,
} from './access-event';

export const ACCESS_LOG = 'access_log';
export const CASES_SUFFIX = 'cases';

/** One recorded access: the event's data and its id. */
export type AccessLogEntry = PersonalDataAccessedData & { entryId: string };

/**
 * One row per access event, from the `access-` streams and, for stores written by earlier
 * versions, the per-case `caseaccess-` streams. Rows are ordered by `(at, key)`; a side table of
 * case ids serves the per-case view and the `caseId` filter.
 */
export const accessLogProjection: Projection<AccessLogEntry> = {
  name: ACCESS_LOG,
  version: 1,
  filter: {
    streamPrefixes: [ACCESS_STREAM_PREFIX, LEGACY_CASE_ACCESS_PREFIX],
    eventTypes: [PERSONAL_DATA_ACCESSED, LEGACY_CASE_RECORD_ACCESSED],
  },
  keyOf: (event) => (accessEntryOf(event) ? event.id : null),
  // An access is recorded once and never changes: a redelivered event finds its row and keeps it.
  evolve: (doc, event) => doc ?? accessEntryOf(event),
  store: jsonDocumentStore<AccessLogEntry>({
    columns: [
      { name: 'district_id', type: 'TEXT', notNull: true, of: (e) => e.districtId },
      { name: 'at', type: 'TEXT', notNull: true, of: (e) => e.at },
      { name: 'actor_id', type: 'TEXT', notNull: true, of: (e) => e.actorId },
    ],
    indexes: [
      ['district_id', 'at', 'key'],
      ['at', 'key'],
    ],
    children: [
      {
        suffix: CASES_SUFFIX,
        columns: [{ name: 'case_id', type: 'TEXT' }],
        rows: (e) => e.caseIds.map((caseId) => [caseId]),
        indexes: [['case_id']],
      },
    ],
  }),
};
