import type Database from 'better-sqlite3';
import { decodePageCursor, encodePageCursor } from '@leap/http';
import type { SqlValue } from '@leap/projections';
import { CASES_SUFFIX } from './access-log.projection';

/** Sort key of an entry: `(at, entryId)`; neither ever changes, so pages stay stable. */
export interface AccessCursorKey {
  at: string;
  entryId: string;
}

export interface AccessLogFilter {
  /** null: every district (a state-wide admin without `districtId`). */
  districtId: string | null;
  caseId?: string;
  actorId?: string;
  /** Inclusive bounds on `at`, as UTC ISO instants (`toISOString`). */
  from?: string;
  to?: string;
  after?: AccessCursorKey;
  limit: number;
}

export interface AccessLogRows {
  documents: string[];
  next: AccessCursorKey | null;
}

/** One page of entries, oldest first, keyset-paginated on `(at, key)`. */
export function queryAccessLog(db: Database.Database, table: string, filter: AccessLogFilter): AccessLogRows {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, ...values: SqlValue[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (filter.districtId !== null) add('t.district_id = ?', filter.districtId);
  if (filter.caseId !== undefined)
    add(
      `EXISTS (SELECT 1 FROM ${table}_${CASES_SUFFIX} c WHERE c.key = t.key AND c.case_id = ?)`,
      filter.caseId,
    );
  if (filter.actorId !== undefined) add('t.actor_id = ?', filter.actorId);
  if (filter.from !== undefined) add('t.at >= ?', filter.from);
  if (filter.to !== undefined) add('t.at <= ?', filter.to);
  if (filter.after !== undefined) add('(t.at, t.key) > (?, ?)', filter.after.at, filter.after.entryId);
  const sql =
    `SELECT t.key, t.at, t.document FROM ${table} t` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ORDER BY t.at, t.key LIMIT ?';
  const rows = db
    .prepare<SqlValue[], { key: string; at: string; document: string }>(sql)
    .all(...params, filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    documents: page.map((row) => row.document),
    next: rows.length > filter.limit && last ? { at: last.at, entryId: last.key } : null,
  };
}

export const encodeAccessCursor = (key: AccessCursorKey): string => encodePageCursor([key.at, key.entryId]);

/** Null when the text is not a cursor this API issued. */
export function decodeAccessCursor(text: string): AccessCursorKey | null {
  const key = decodePageCursor(text);
  return key && { at: key[0], entryId: key[1] };
}
