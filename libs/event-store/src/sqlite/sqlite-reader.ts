import type Database from 'better-sqlite3';
import { StreamDeletedError, StreamNotFoundError } from '../errors';
import type { AllEventsFilter, ReadStreamOptions } from '../event-store.port';
import { EVENT_COLUMNS, type EventRow } from './rows';
import { prefixQueries, type PageQuery } from './prefix-queries';

const LAST_REVISION = 9223372036854775807n;

export interface AllPage {
  rows: EventRow[];
  /** Every event at or before this position has been considered (it is the next page's `after`). */
  scannedTo: number;
}

/**
 * Reads. Each read that runs more than one query runs them in one deferred transaction, i.e. one
 * WAL snapshot: a commit by another connection between two queries must not make a page skip an
 * event that a later page would then start after.
 */
export class SqliteReader {
  private readonly statements = new Map<string, Database.Statement<unknown[], EventRow>>();
  private readonly isTombstoned: Database.Statement<[string], number>;
  private readonly streamExists: Database.Statement<[string], number>;
  private readonly forwards: Database.Statement<[string, bigint, number], EventRow>;
  private readonly backwards: Database.Statement<[string, bigint, number], EventRow>;
  private readonly lastPosition: Database.Statement<[], number>;
  private readonly lastRevision: Database.Statement<[string], number>;
  private readonly snapshot: <T>(read: () => T) => T;

  constructor(private readonly db: Database.Database) {
    this.isTombstoned = db.prepare<[string], number>('SELECT 1 FROM tombstones WHERE stream_id = ?').pluck();
    this.streamExists = db
      .prepare<[string], number>('SELECT 1 FROM events WHERE stream_id = ? LIMIT 1')
      .pluck();
    this.forwards = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    );
    this.backwards = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    );
    this.lastPosition = db.prepare<[], number>('SELECT coalesce(max(position), 0) FROM events').pluck();
    this.lastRevision = db
      .prepare<[string], number>(
        'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      )
      .pluck();
    const inTransaction = db.transaction((read: () => unknown) => read());
    this.snapshot = <T>(read: () => T) => inTransaction(read) as T;
  }

  /** Position of the last stored event; 0 when the store is empty. */
  headPosition(): number {
    return this.lastPosition.get() ?? 0;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): EventRow[] {
    return this.snapshot(() => {
      if (this.isTombstoned.get(streamId)) throw new StreamDeletedError(streamId);
      const limit = options.maxCount ?? -1;
      const rows =
        options.direction === 'backwards'
          ? this.backwards.all(streamId, options.fromRevision ?? LAST_REVISION, limit)
          : this.forwards.all(streamId, options.fromRevision ?? 0n, limit);
      if (rows.length === 0 && !this.streamExists.get(streamId)) throw new StreamNotFoundError(streamId);
      return rows;
    });
  }

  /** Each stream's last revision (null: no events), all in one snapshot. */
  lastRevisions(streamIds: readonly string[]): (number | null)[] {
    return this.snapshot(() =>
      streamIds.map((streamId) => {
        if (this.isTombstoned.get(streamId)) throw new StreamDeletedError(streamId);
        return this.lastRevision.get(streamId) ?? null;
      }),
    );
  }

  /** Up to `maxCount` events after `after` in position order (maxCount -1: no limit). */
  readAll(after: number, maxCount: number, filter?: AllEventsFilter): AllPage {
    const queries = prefixQueries(after, maxCount, filter);
    return this.snapshot(() => {
      const rows =
        queries.length === 1
          ? this.run(queries[0] as PageQuery)
          : mergeByPosition(
              queries.map((query) => this.run(query)),
              maxCount,
            );
      const full = maxCount >= 0 && rows.length >= maxCount;
      // A short page means every query ran dry: everything up to the snapshot's head was seen.
      return { rows, scannedTo: full ? lastOf(rows) : Math.max(after, this.headPosition()) };
    });
  }

  private run(query: PageQuery): EventRow[] {
    let statement = this.statements.get(query.sql);
    if (!statement) {
      if (this.statements.size >= 200) this.statements.clear();
      statement = this.db.prepare<unknown[], EventRow>(query.sql);
      this.statements.set(query.sql, statement);
    }
    return statement.all(...query.params);
  }
}

/** Each list is sorted by position; prefixes may overlap, so the same event can be in two lists. */
function mergeByPosition(lists: EventRow[][], maxCount: number): EventRow[] {
  const all = lists.flat().sort((a, b) => a.position - b.position);
  const unique = all.filter((row, index) => index === 0 || row.position !== all[index - 1]?.position);
  return maxCount >= 0 ? unique.slice(0, maxCount) : unique;
}

function lastOf(rows: EventRow[]): number {
  return rows[rows.length - 1]?.position ?? 0;
}
