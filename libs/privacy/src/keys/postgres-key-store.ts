import { Pool, type PoolClient } from 'pg';
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
CREATE TABLE IF NOT EXISTS leap_data_keys (
  key_id      text PRIMARY KEY,
  district_id text,
  household   text,
  master_id   text NOT NULL,
  wrapped     bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS leap_data_keys_household ON leap_data_keys (household);
CREATE INDEX IF NOT EXISTS leap_data_keys_district ON leap_data_keys (district_id);
CREATE TABLE IF NOT EXISTS leap_destroyed_keys (
  key_id       text PRIMARY KEY,
  destroyed_at timestamptz NOT NULL DEFAULT now()
);
`;

interface KeyRow {
  key_id: string;
  master_id: string;
  wrapped: Buffer;
}

/**
 * The production key store: PostgreSQL (`LEAP_KEYSTORE_URL=postgres://…`), shared by every api and
 * worker process. Its tables are created when missing, on first use (a store that cannot reach the
 * database yet still starts; the readiness probe reports it down).
 *
 * Concurrency: creating and destroying a key both take a transaction-scoped advisory lock on its id,
 * so a key is never created again after (or while) it is destroyed; two processes creating the same
 * key insert with ON CONFLICT DO NOTHING and both read back the one row that won.
 */
export class PostgresKeyStore implements AdministeredKeyStore {
  readonly kind = 'postgres';
  private readonly pool: Pool;
  private schema: Promise<void> | null = null;

  constructor(
    url: string,
    private master: MasterKey,
  ) {
    this.pool = new Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
    // An idle connection that breaks is replaced by the pool; the next query reports the outage.
    this.pool.on('error', () => {});
  }

  async getOrCreate(keyId: string, attributes: DataKeyAttributes): Promise<Uint8Array> {
    const existing = await this.row(keyId);
    if (existing) return this.unwrap(existing);
    const stored = await this.transaction(async (client) => {
      await lockKey(client, keyId);
      const destroyed = await client.query('SELECT 1 FROM leap_destroyed_keys WHERE key_id = $1', [keyId]);
      if (destroyed.rowCount) throw new KeyDestroyedError(keyId);
      await client.query(
        `INSERT INTO leap_data_keys (key_id, district_id, household, master_id, wrapped)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key_id) DO NOTHING`,
        [
          keyId,
          attributes.districtId,
          attributes.household,
          this.master.id,
          wrapKey(this.master, keyId, newDataKey()),
        ],
      );
      return (await client.query<KeyRow>(SELECT_KEY, [keyId])).rows[0];
    });
    return this.unwrap(stored!);
  }

  async get(keyId: string): Promise<Uint8Array | null> {
    const row = await this.row(keyId);
    return row ? this.unwrap(row) : null;
  }

  async keysOf(query: Partial<DataKeyAttributes>): Promise<string[]> {
    await this.ensureSchema();
    const filters = keyFilters(query);
    const where = filters.map(([column], i) => `${column} IS NOT DISTINCT FROM $${i + 1}`);
    const sql = `SELECT key_id FROM leap_data_keys${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY key_id COLLATE "C"`;
    const result = await this.pool.query<{ key_id: string }>(
      sql,
      filters.map(([, value]) => value),
    );
    return result.rows.map((row) => row.key_id);
  }

  async destroy(keyIds: string[]): Promise<number> {
    const ids = [...new Set(keyIds)].sort();
    if (ids.length === 0) return 0;
    return this.transaction(async (client) => {
      for (const keyId of ids) await lockKey(client, keyId);
      const deleted = await client.query('DELETE FROM leap_data_keys WHERE key_id = ANY($1)', [ids]);
      await client.query(
        'INSERT INTO leap_destroyed_keys (key_id) SELECT unnest($1::text[]) ON CONFLICT (key_id) DO NOTHING',
        [ids],
      );
      return deleted.rowCount ?? 0;
    });
  }

  async rotateMaster(next: MasterKey): Promise<{ rewrapped: number }> {
    // All or nothing, and no key created meanwhile under the old master (EXCLUSIVE still lets reads in).
    // Keys that `next` already wraps are left alone: running an interrupted rotation again finishes it.
    const rewrapped = await this.transaction(async (client) => {
      await client.query('LOCK TABLE leap_data_keys IN EXCLUSIVE MODE');
      const { rows } = await client.query<KeyRow>(
        'SELECT key_id, master_id, wrapped FROM leap_data_keys ORDER BY key_id COLLATE "C"',
      );
      const pending = rows.filter((row) => row.master_id !== next.id);
      for (const row of pending)
        await client.query('UPDATE leap_data_keys SET master_id = $1, wrapped = $2 WHERE key_id = $3', [
          next.id,
          wrapKey(next, row.key_id, this.unwrap(row)),
          row.key_id,
        ]);
      return pending.length;
    });
    this.master = next;
    return { rewrapped };
  }

  async status(): Promise<KeyStoreStatus> {
    await this.ensureSchema();
    const wrappedBy = await this.pool.query<{ master_id: string; n: number }>(
      'SELECT master_id, count(*)::int AS n FROM leap_data_keys GROUP BY master_id',
    );
    const destroyed = await this.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM leap_destroyed_keys',
    );
    return {
      kind: this.kind,
      masterId: this.master.id,
      live: wrappedBy.rows.reduce((sum, row) => sum + row.n, 0),
      destroyed: destroyed.rows[0]?.n ?? 0,
      wrappedBy: Object.fromEntries(wrappedBy.rows.map((row) => [row.master_id, row.n])),
    };
  }

  async ping(): Promise<void> {
    await this.ensureSchema();
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async row(keyId: string): Promise<KeyRow | undefined> {
    await this.ensureSchema();
    return (await this.pool.query<KeyRow>(SELECT_KEY, [keyId])).rows[0];
  }

  private unwrap(row: KeyRow): Uint8Array {
    return unwrapKey(this.master, { keyId: row.key_id, masterId: row.master_id, wrapped: row.wrapped });
  }

  /** Creates the tables once per store; a failure (database down) is retried by the next call. */
  private ensureSchema(): Promise<void> {
    this.schema ??= this.createSchema().catch((error: unknown) => {
      this.schema = null;
      throw error;
    });
    return this.schema;
  }

  private async createSchema(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Processes starting together would race on CREATE TABLE IF NOT EXISTS (a unique violation).
      await client.query("SELECT pg_advisory_xact_lock(hashtext('leap_key_store_schema'))");
      await client.query(SCHEMA);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    await this.ensureSchema();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

const SELECT_KEY = 'SELECT key_id, master_id, wrapped FROM leap_data_keys WHERE key_id = $1';

/** Serialises creation and destruction of one key id across processes, until the transaction ends. */
async function lockKey(client: PoolClient, keyId: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended('leap_data_key:' || $1, 0))", [keyId]);
}
