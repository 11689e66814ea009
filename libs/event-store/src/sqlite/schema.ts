import Database from 'better-sqlite3';

/**
 * One append-only `events` table. `position` is the global order: SQLite has one writer at a time
 * and AUTOINCREMENT never reuses a rowid, so positions follow commit order and a reader that has
 * seen position N has seen every committed event before it (no gaps for subscribers).
 *
 * `category` (the stream id up to its first dash) is a virtual generated column, indexed with the
 * position so "events of category X after position P" is one ordered index range, not a scan.
 * Tombstoned stream ids live in `tombstones`; their events stay in place (as in EventStoreDB
 * before a scavenge) so global positions never change under a subscriber.
 */
export const EVENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id    TEXT NOT NULL UNIQUE,
  stream_id   TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT NOT NULL,
  data        TEXT NOT NULL,
  metadata    TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  category    TEXT GENERATED ALWAYS AS (
    CASE WHEN instr(stream_id, '-') > 0 THEN substr(stream_id, 1, instr(stream_id, '-') - 1) ELSE stream_id END
  ) VIRTUAL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_by_category ON events (category, position);
CREATE TABLE IF NOT EXISTS tombstones (
  stream_id  TEXT PRIMARY KEY,
  deleted_at TEXT NOT NULL
) WITHOUT ROWID;
PRAGMA user_version = 1;
`;

/**
 * Opens (creating if needed) an event store file in WAL mode.
 *
 * Durability promise: `synchronous = NORMAL` in WAL mode. A committed append survives a crash of
 * the process; an operating-system crash or power loss may lose the last few committed appends
 * (never corrupt the file or tear a transaction). `FULL` would close that window at ~5x the cost
 * per commit. It is set explicitly because SQLite reports different defaults for a fresh file
 * switched to WAL (FULL) and a reopened WAL file (NORMAL).
 *
 * `busy_timeout` lets several connections (processes, or store instances) share the file: a writer
 * waits up to 5 s for another's transaction instead of failing with SQLITE_BUSY.
 */
export function openEventsDatabase(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite refused WAL mode for ${file} (journal_mode=${String(mode)})`);
    db.pragma('synchronous = NORMAL');
    db.transaction(() => db.exec(EVENTS_SCHEMA)).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
