import type Database from 'better-sqlite3';
import type { SqlValue } from '@leap/projections';
import type { CaseStatus, Stage } from './case-summary';
import { VISITORS_SUFFIX } from './case-summaries.store';
import type { CursorKey } from './cursor';
import type { SummaryScope } from './summary-access';

export interface SummaryFilter {
  schoolId?: string;
  status?: CaseStatus;
  stage?: Stage;
  tier?: string;
  assignedVisitorId?: string;
  q?: string;
  after?: CursorKey;
  limit: number;
}

export interface SummaryPage {
  documents: string[];
  /** Sort key of the last row when more rows follow. */
  next: CursorKey | null;
}

/**
 * One page of summaries in `(identified_on, key)` order, keyset-paginated. The scope is applied in
 * SQL before any filter, so a filter can only narrow what the principal may see.
 */
export function querySummaries(
  db: Database.Database,
  table: string,
  scope: SummaryScope,
  filter: SummaryFilter,
): SummaryPage {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const visitors = `${table}_${VISITORS_SUFFIX}`;
  const add = (clause: string, ...values: SqlValue[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (scope.districtId !== null) add('t.district_id = ?', scope.districtId);
  if (scope.schoolIds !== null) {
    add(
      scope.schoolIds.length ? `t.school_id IN (${scope.schoolIds.map(() => '?').join(', ')})` : '0',
      ...scope.schoolIds,
    );
  }
  if (scope.assignedSubject !== null) {
    add(`EXISTS (SELECT 1 FROM ${visitors} v WHERE v.key = t.key AND v.subject = ?)`, scope.assignedSubject);
  }
  if (filter.schoolId !== undefined) add('t.school_id = ?', filter.schoolId);
  if (filter.status !== undefined) add('t.status = ?', filter.status);
  if (filter.stage !== undefined) add('t.stage = ?', filter.stage);
  if (filter.tier !== undefined) add('t.tier = ?', filter.tier);
  if (filter.assignedVisitorId !== undefined) {
    add(
      `EXISTS (SELECT 1 FROM ${visitors} v WHERE v.key = t.key AND v.visitor_id = ?)`,
      filter.assignedVisitorId,
    );
  }
  if (filter.q !== undefined) {
    // Only roles that see personal data search by student: a search by real id would let anyone
    // else link a pseudonym back to the student it stands for.
    const needle = filter.q.toLocaleLowerCase('en-US');
    if (scope.seesPii) {
      add('(instr(t.student_id_search, ?) > 0 OR instr(t.student_name_search, ?) > 0)', needle, needle);
    } else {
      add('0');
    }
  }
  if (filter.after !== undefined)
    add('(t.identified_on, t.key) > (?, ?)', filter.after.identifiedOn, filter.after.caseId);
  const sql =
    `SELECT t.key, t.identified_on, t.document FROM ${table} t` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ORDER BY t.identified_on, t.key LIMIT ?';
  const rows = statement(db, sql).all(...params, filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    documents: page.map((row) => row.document),
    next: rows.length > filter.limit && last ? { identifiedOn: last.identified_on, caseId: last.key } : null,
  };
}

interface Row {
  key: string;
  identified_on: string;
  document: string;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement<SqlValue[], Row>>>();

/** Prepared statements per SQL text (filters combine into a few dozen shapes at most). */
function statement(db: Database.Database, sql: string): Database.Statement<SqlValue[], Row> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) {
    if (cache.size >= 500) cache.clear(); // generations swapped many times: old tables' statements go
    prepared = db.prepare<SqlValue[], Row>(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}
