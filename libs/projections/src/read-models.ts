import Database from 'better-sqlite3';
import { dataDirOf, privateFile } from '@leap/event-store';
import { Checkpoints } from './checkpoints';

/**
 * `checkpoints` has one row per generation of each projection's tables: the active generation
 * (what queries read and the live runner follows) and, during a rebuild, the one being built aside.
 * A generation's `position` is written in the same transaction as its documents, so the two can
 * never disagree: a crash rolls both back together and the runner resumes after `position`.
 * `events` counts events applied to the generation; `last_error*` keep the most recent failure.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  projection    TEXT NOT NULL,
  generation    INTEGER NOT NULL,
  version       INTEGER NOT NULL,
  active        INTEGER NOT NULL DEFAULT 0,
  position      TEXT,
  events        INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  last_error    TEXT,
  last_error_at TEXT,
  PRIMARY KEY (projection, generation)
);
CREATE UNIQUE INDEX IF NOT EXISTS checkpoints_one_active ON checkpoints (projection) WHERE active = 1;
`;

export interface ReadModelsEnv {
  /** Directory of `read-models.sqlite` (default `./data`, beside the embedded event store). */
  LEAP_DATA_DIR?: string;
}

export function readModelsFile(env: ReadModelsEnv): string {
  return privateFile(dataDirOf(env), 'read-models.sqlite');
}

/** The physical table (prefix) of one generation of a projection. */
export const generationTable = (projection: string, generation: number) => `${projection}_g${generation}`;

/**
 * The read-model database: one SQLite file, WAL, `synchronous = NORMAL`. A committed batch survives
 * a process crash; an OS crash or power loss may lose the last batches, documents and checkpoint
 * together, and the runner then re-applies them from the event store. Nothing is lost or applied
 * twice either way, since read models are derived and the checkpoint travels with them.
 *
 * Several processes may open the file (the API's runner, a CLI rebuild): writes serialize on
 * SQLite's lock, with `busy_timeout` waiting up to 5 s.
 */
export class ReadModels {
  readonly checkpoints: Checkpoints;
  private readonly inSnapshot: (read: () => unknown) => unknown;

  private constructor(readonly db: Database.Database) {
    this.checkpoints = new Checkpoints(db);
    const transaction = db.transaction((read: () => unknown) => read());
    this.inSnapshot = (read) => transaction(read);
  }

  static open(file: string): ReadModels {
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 5000');
      // Deleted and overwritten content is zeroed in the file, not left on free pages or in free
      // space within pages: a purge (below) then leaves no copy of erased personal data. A
      // per-connection setting, so every process that opens the file sets it before writing.
      db.pragma('secure_delete = ON');
      // Documents of a few KB: 16 KiB pages hold several per page (no effect on an existing file).
      db.pragma('page_size = 16384');
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal')
        throw new Error(`SQLite refused WAL mode for ${file} (journal_mode=${String(mode)})`);
      db.pragma('synchronous = NORMAL');
      db.transaction(() => db.exec(SCHEMA)).immediate();
      return new ReadModels(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Runs reads in one deferred transaction, i.e. one WAL snapshot: looking up the active generation
   * and reading its table see the same state even if another process swaps generations meanwhile.
   */
  snapshot<T>(read: () => T): T {
    return this.db.inTransaction ? read() : (this.inSnapshot(read) as T);
  }

  /** The table of the projection's active generation, or null when it has none yet. */
  activeTable(projection: string): string | null {
    const active = this.checkpoints.active(projection);
    return active ? generationTable(projection, active.generation) : null;
  }

  /**
   * The purge checkpoint, run after a batch that erased personal data: copies every page from the
   * WAL into the database file, where `secure_delete` zeroed the erased values, then truncates the
   * WAL to zero bytes, so the old page images that still held the data are gone from both files.
   * Waits (busy_timeout) for readers of older snapshots; answers whether the WAL was truncated.
   */
  purge(): boolean {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    this.purgePending = result?.busy !== 0;
    return !this.purgePending;
  }

  /**
   * True while a purge could not truncate the WAL (another process held an old snapshot past the
   * busy timeout): the runner purges again after its next batch, until one succeeds.
   */
  purgePending = false;

  close(): void {
    if (this.db.open) this.db.close();
  }
}
