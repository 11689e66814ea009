import Database from 'better-sqlite3';
import {
  KeyDestroyedError,
  type AdministeredKeyStore,
  type DataKeyAttributes,
  type KeyStoreStatus,
  type MasterKey,
} from './key-store.port';
import { keyFilters } from './key-filters';
import { newDataKey, unwrapKey, wrapKey } from './key-wrap';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS data_keys (
  key_id      TEXT PRIMARY KEY,
  district_id TEXT,
  household   TEXT,
  master_id   TEXT NOT NULL,
  wrapped     BLOB NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS data_keys_household ON data_keys (household);
CREATE INDEX IF NOT EXISTS data_keys_district ON data_keys (district_id);
CREATE TABLE IF NOT EXISTS destroyed_keys (
  key_id       TEXT PRIMARY KEY,
  destroyed_at TEXT NOT NULL
) WITHOUT ROWID;
PRAGMA user_version = 1;
`;

interface Waiter {
  resolve(key: Uint8Array): void;
  reject(error: unknown): void;
}

interface KeyRow {
  key_id: string;
  master_id: string;
  wrapped: Buffer;
}

const CHECKPOINT_ATTEMPTS = 50;

/**
 * The embedded key store: a SQLite file of its own (`LEAP_DATA_DIR/keys.sqlite`, 0600), never the
 * event store's. Every connection sets `secure_delete` before touching the file, so deleted rows are
 * overwritten with zeros; after every destruction the WAL is checkpointed and truncated, so once
 * `destroy` returns no copy of a destroyed key remains in `keys.sqlite` or `keys.sqlite-wal`.
 * `synchronous = FULL`: a key created (then used to seal events) or destroyed survives a power loss.
 */
export class SqliteKeyStore implements AdministeredKeyStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  /** Keys asked for and not yet created, with everyone waiting for each (see `create`). */
  private readonly pending = new Map<string, { attributes: DataKeyAttributes; callers: Waiter[] }>();
  private flushScheduled = false;

  constructor(
    file: string,
    private master: MasterKey,
  ) {
    this.db = new Database(file);
    try {
      this.db.pragma('secure_delete = ON');
      this.db.pragma('busy_timeout = 5000');
      const mode = this.db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal')
        throw new Error(`SQLite refused WAL mode for ${file} (journal_mode=${String(mode)})`);
      this.db.pragma('synchronous = FULL');
      this.db.transaction(() => this.db.exec(SCHEMA)).immediate();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  async getOrCreate(keyId: string, attributes: DataKeyAttributes): Promise<Uint8Array> {
    const existing = this.row(keyId);
    if (existing) return this.unwrap(existing);
    return this.create(keyId, attributes);
  }

  /**
   * Group commit: the keys asked for within one turn of the event loop are created in one immediate
   * transaction, so concurrent commands share one synchronous flush instead of paying one each. A
   * caller's key is durable before its promise resolves (and so before anything is sealed with it).
   * Another process creating or destroying the same key waits for the transaction.
   */
  private create(keyId: string, attributes: DataKeyAttributes): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(keyId);
      if (waiting) waiting.callers.push({ resolve, reject });
      else this.pending.set(keyId, { attributes, callers: [{ resolve, reject }] });
      if (this.pending.size === 1 && !this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = [...this.pending];
    this.pending.clear();
    let rows: Map<string, KeyRow | KeyDestroyedError>;
    try {
      rows = this.db
        .transaction(
          () => new Map(batch.map(([keyId, { attributes }]) => [keyId, this.insert(keyId, attributes)])),
        )
        .immediate();
    } catch (error) {
      for (const [, { callers }] of batch) for (const caller of callers) caller.reject(error);
      return;
    }
    for (const [keyId, { callers }] of batch) {
      const row = rows.get(keyId)!;
      for (const caller of callers) {
        if (row instanceof KeyDestroyedError) caller.reject(row);
        else {
          try {
            caller.resolve(this.unwrap(row));
          } catch (error) {
            caller.reject(error);
          }
        }
      }
    }
  }

  /** Inside the creation transaction: the stored key, or why it may not exist. */
  private insert(keyId: string, attributes: DataKeyAttributes): KeyRow | KeyDestroyedError {
    if (this.db.prepare('SELECT 1 FROM destroyed_keys WHERE key_id = ?').get(keyId))
      return new KeyDestroyedError(keyId);
    this.db
      .prepare(
        `INSERT INTO data_keys (key_id, district_id, household, master_id, wrapped, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING`,
      )
      .run(
        keyId,
        attributes.districtId,
        attributes.household,
        this.master.id,
        wrapKey(this.master, keyId, newDataKey()),
        new Date().toISOString(),
      );
    return this.row(keyId)!;
  }

  async get(keyId: string): Promise<Uint8Array | null> {
    const row = this.row(keyId);
    return row ? this.unwrap(row) : null;
  }

  async keysOf(query: Partial<DataKeyAttributes>): Promise<string[]> {
    const filters = keyFilters(query);
    const where = filters.map(([column]) => `${column} IS ?`);
    const values = filters.map(([, value]) => value);
    const sql = `SELECT key_id FROM data_keys${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY key_id`;
    return this.db
      .prepare<unknown[], { key_id: string }>(sql)
      .all(...values)
      .map((row) => row.key_id);
  }

  async destroy(keyIds: string[]): Promise<number> {
    const destroyedAt = new Date().toISOString();
    const destroyed = this.db
      .transaction(() => {
        let count = 0;
        for (const keyId of keyIds) {
          count += this.db.prepare('DELETE FROM data_keys WHERE key_id = ?').run(keyId).changes;
          this.db
            .prepare('INSERT INTO destroyed_keys (key_id, destroyed_at) VALUES (?, ?) ON CONFLICT DO NOTHING')
            .run(keyId, destroyedAt);
        }
        return count;
      })
      .immediate();
    await this.truncateWal();
    return destroyed;
  }

  async rotateMaster(next: MasterKey): Promise<{ rewrapped: number }> {
    // All or nothing: a key that does not unwrap (wrong master) aborts the whole rotation. Keys that
    // `next` already wraps are left alone, so an interrupted rotation is finished by running it again.
    const rewrapped = this.db
      .transaction(() => {
        const rows = this.db
          .prepare<[], KeyRow>('SELECT key_id, master_id, wrapped FROM data_keys ORDER BY key_id')
          .all();
        const update = this.db.prepare('UPDATE data_keys SET master_id = ?, wrapped = ? WHERE key_id = ?');
        const pending = rows.filter((row) => row.master_id !== next.id);
        for (const row of pending)
          update.run(next.id, wrapKey(next, row.key_id, this.unwrap(row)), row.key_id);
        return pending.length;
      })
      .immediate();
    this.master = next;
    await this.truncateWal();
    return { rewrapped };
  }

  async status(): Promise<KeyStoreStatus> {
    const wrappedBy = this.db
      .prepare<[], { master_id: string; n: number }>(
        'SELECT master_id, count(*) AS n FROM data_keys GROUP BY master_id',
      )
      .all();
    const { n: destroyed } = this.db
      .prepare<[], { n: number }>('SELECT count(*) AS n FROM destroyed_keys')
      .get()!;
    return {
      kind: this.kind,
      masterId: this.master.id,
      live: wrappedBy.reduce((sum, row) => sum + row.n, 0),
      destroyed,
      wrappedBy: Object.fromEntries(wrappedBy.map((row) => [row.master_id, row.n])),
    };
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private row(keyId: string): KeyRow | undefined {
    return this.db
      .prepare<[string], KeyRow>('SELECT key_id, master_id, wrapped FROM data_keys WHERE key_id = ?')
      .get(keyId);
  }

  private unwrap(row: KeyRow): Uint8Array {
    return unwrapKey(this.master, { keyId: row.key_id, masterId: row.master_id, wrapped: row.wrapped });
  }

  /**
   * Copies the WAL into the database file and truncates it to zero bytes, so the frames that held a
   * destroyed key (its insert, the page before `secure_delete` zeroed it) are gone. A reader in
   * another process can hold the checkpoint back for a moment: retried, then reported.
   */
  private async truncateWal(): Promise<void> {
    for (let attempt = 0; attempt < CHECKPOINT_ATTEMPTS; attempt++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(
      'The keys were destroyed, but the key store WAL could not be truncated (another process keeps reading it): ' +
        'copies may remain in keys.sqlite-wal until the next destruction or checkpoint',
    );
  }
}
