import type Database from 'better-sqlite3';
import type { SqlValue } from '@leap/projections';
import type { SummaryScope } from '@leap/case-summaries';
import type { WorklistCursor } from './worklist-cursor';
import { segmentsOf, type Segment, type WorklistState } from './worklist-segments';
import { ITEMS_SUFFIX, VISITORS_SUFFIX, type ItemRow } from './worklists.store';

export interface WorklistFilter {
  schoolId?: string;
  /** A login subject; null: unassigned items only; undefined: anyone's. */
  assignee?: string | null;
  state: WorklistState;
  /** Position of the last item of the previous page. */
  after?: Pick<WorklistCursor, 'segment' | 'openFrom' | 'followUpId'>;
  limit: number;
}

/** The instant a listing is evaluated at, and the overdue cut-off (`now - grace`), as ISO strings. */
export interface WorklistInstant {
  now: string;
  cutoff: string;
}

export interface WorklistPageRows {
  rows: Array<{ row: ItemRow; segment: Segment }>;
  /** Set when more items follow the page. */
  next: Pick<WorklistCursor, 'segment' | 'openFrom' | 'followUpId'> | null;
}

/**
 * One page in worklist order (see `worklist-segments.ts`): the segments are read in order, each an
 * ordered index range with `LIMIT` what the page still needs, until the page is full. The scope is
 * applied in SQL to every segment, so a filter can only narrow what the principal may see.
 *
 * Index choice: one equality column leads the range (a home visitor's cases; else `school_id` when
 * the page is about one school; else a specific `assignee`, else `district_id`); the other equality
 * columns are written `+col` so SQLite does not pick their index instead (a unary plus keeps the
 * condition, not the index).
 */
export function queryWorklist(
  db: Database.Database,
  table: string,
  scope: SummaryScope,
  filter: WorklistFilter,
  at: WorklistInstant,
): WorklistPageRows {
  const collected: WorklistPageRows['rows'] = [];
  const wanted = filter.limit + 1;
  for (const { segment, sql, params } of segmentQueries(table, scope, filter, at)) {
    for (const row of statement(db, sql).all(...params, wanted - collected.length)) {
      collected.push({ row, segment });
    }
    if (collected.length >= wanted) break;
  }
  const page = collected.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    rows: page,
    next:
      collected.length > filter.limit && last
        ? { segment: last.segment.index, openFrom: last.row.open_from!, followUpId: last.row.follow_up_id! }
        : null,
  };
}

/** The SQL of each segment a page may read, in order (the `LIMIT` value is bound last). */
export function segmentQueries(
  table: string,
  scope: SummaryScope,
  filter: WorklistFilter,
  at: WorklistInstant,
): Array<{ segment: Segment; sql: string; params: SqlValue[] }> {
  const base = scopeClauses(table, scope, filter);
  const after = filter.after;
  return segmentsOf(filter.state)
    .filter((segment) => !after || segment.index >= after.segment)
    .map((segment) => {
      const cursor = after?.segment === segment.index ? after : undefined;
      const range = rangeOf(filter.state, segment, at, cursor, base.ranged);
      const where = [...base.where, `${base.ranged('severity')} = ?`, ...range.where];
      const params = [...base.params, segment.severity, ...range.params];
      const sql =
        `SELECT i.* FROM ${table}_${ITEMS_SUFFIX} i WHERE ${where.join(' AND ')}` +
        ' ORDER BY i.open_from, i.follow_up_id LIMIT ?';
      return { segment, sql, params };
    });
}

function scopeClauses(table: string, scope: SummaryScope, filter: WorklistFilter) {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, ...values: SqlValue[]) => {
    where.push(clause);
    params.push(...values);
  };
  // One school: the school index leads (a team token of one school needs no filter for it).
  const school = filter.schoolId ?? (scope.schoolIds?.length === 1 ? scope.schoolIds[0] : undefined);
  const lead =
    scope.assignedSubject !== null
      ? 'visitor'
      : school !== undefined
        ? 'school'
        : typeof filter.assignee === 'string'
          ? 'assignee'
          : 'district';
  const col = (name: string, leads: boolean) => (leads ? `i.${name}` : `+i.${name}`);
  if (school !== undefined) add(`${col('school_id', lead === 'school')} = ?`, school);
  if (scope.districtId !== null) add(`${col('district_id', lead === 'district')} = ?`, scope.districtId);
  if (scope.schoolIds !== null) {
    const list = scope.schoolIds.map(() => '?').join(', ');
    add(scope.schoolIds.length ? `+i.school_id IN (${list})` : '0', ...scope.schoolIds);
  }
  if (scope.assignedSubject !== null) {
    // A home visitor's own cases lead: a few cases, each a key lookup, then a small sort, rather
    // than walking a school's or district's items to find theirs.
    const cases = `SELECT v.key FROM ${table}_${VISITORS_SUFFIX} v WHERE v.subject = ?`;
    add(`i.key IN (${cases})`, scope.assignedSubject);
  }
  if (filter.assignee === null) add('+i.assignee IS NULL');
  else if (filter.assignee !== undefined) add(`${col('assignee', lead === 'assignee')} = ?`, filter.assignee);
  // Led by a visitor's cases, the segment columns must not offer SQLite an index of their own.
  const ranged = (name: string) => col(name, lead !== 'visitor');
  return { where, params, ranged };
}

/**
 * The segment's range of `open_from`, and for the segment a cursor points into, what follows the
 * cursor. The cursor is written as the index range's lower bound (row value), so a deep page seeks
 * to it instead of scanning the segment from its start; a lower bound of the segment that the cursor
 * already passes is left out, since SQLite uses only one of two lower bounds for the index range.
 */
function rangeOf(
  state: WorklistState,
  segment: Segment,
  at: WorklistInstant,
  after: WorklistFilter['after'],
  c: (name: string) => string,
): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, ...values: SqlValue[]) => {
    where.push(clause);
    params.push(...values);
  };
  const lower = segment.overdue ? null : state === 'snoozed' ? at.now : at.cutoff;
  if (after && (lower === null || after.openFrom > lower)) {
    add(`(${c('open_from')}, ${c('follow_up_id')}) > (?, ?)`, after.openFrom, after.followUpId);
  } else if (lower !== null) {
    add(`${c('open_from')} > ?`, lower);
  }
  if (segment.overdue) add(`${c('open_from')} <= ?`, at.cutoff);
  else if (state === 'snoozed') add("i.state = 'snoozed'");
  else add("(i.state = 'open' OR i.open_from <= ?)", at.now);
  return { where, params };
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement<SqlValue[], ItemRow>>>();

/** Prepared statements per SQL text (filters and segments combine into a few dozen shapes). */
function statement(db: Database.Database, sql: string): Database.Statement<SqlValue[], ItemRow> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) {
    if (cache.size >= 500) cache.clear(); // generations swapped many times: old tables' statements go
    prepared = db.prepare<SqlValue[], ItemRow>(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}
