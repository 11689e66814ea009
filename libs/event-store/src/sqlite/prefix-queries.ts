import type { AllEventsFilter } from '../event-store.port';
import { EVENT_COLUMNS } from './rows';

export interface PageQuery {
  sql: string;
  params: unknown[];
}

/**
 * The SQL for one page of `$all` after a position: one query per stream prefix, each an ordered
 * range of the `(category, position)` index, so a filtered subscription never rescans the events of
 * other categories. The caller merges the per-prefix pages by position.
 *
 * - `case-` (a whole category): `category = 'case'`.
 * - `case-12` (part of a category): `category = 'case'` plus a stream id range.
 * - `cas` (no dash): every category starting with `cas`, a category range (SQLite then sorts the
 *   range by position; such prefixes are rare).
 * Ranges end at the prefix with its last character incremented, which is exact for stream ids in
 * the Basic Multilingual Plane (ours are ASCII).
 */
export function prefixQueries(after: number, maxCount: number, filter?: AllEventsFilter): PageQuery[] {
  const types = filter?.eventTypes?.length ? filter.eventTypes : [];
  const typeClause = types.length ? ` AND type IN (${types.map(() => '?').join(', ')})` : '';
  const tail = `${typeClause} ORDER BY position LIMIT ?`;
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length === 0 || prefixes.includes('')) {
    return [
      {
        sql: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ?${tail}`,
        params: [after, ...types, maxCount],
      },
    ];
  }
  return [...new Set(prefixes)].map((prefix) => {
    const { where, params } = prefixCondition(prefix);
    return {
      sql: `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} AND position > ?${tail}`,
      params: [...params, after, ...types, maxCount],
    };
  });
}

function prefixCondition(prefix: string): { where: string; params: string[] } {
  const dash = prefix.indexOf('-');
  if (dash === -1) return { where: 'category >= ? AND category < ?', params: [prefix, successor(prefix)] };
  const category = prefix.slice(0, dash);
  if (dash === prefix.length - 1) return { where: 'category = ?', params: [category] };
  return {
    where: 'category = ? AND stream_id >= ? AND stream_id < ?',
    params: [category, prefix, successor(prefix)],
  };
}

/** The smallest string greater than every string starting with `prefix` (non-empty). */
function successor(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
