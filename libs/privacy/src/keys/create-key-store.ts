import { dataDirOf, privateFile } from '@leap/event-store';
import type { AdministeredKeyStore, MasterKey } from './key-store.port';
import { loadMasterKey, type MasterKeyEnv } from './master-key';
import { SqliteKeyStore } from './sqlite-key-store';

export interface KeyStoreEnv extends MasterKeyEnv {
  /** `postgres://…`: the shared key store. Unset: `LEAP_DATA_DIR/keys.sqlite`. */
  LEAP_KEYSTORE_URL?: string;
}

/** The embedded key store's file in the data dir (mode 0600, as its WAL). */
export const KEY_STORE_FILE = 'keys.sqlite';

/**
 * The configured key store, wrapping with `master` (by default the one `loadMasterKey` loads):
 * PostgreSQL when `LEAP_KEYSTORE_URL` is set, else the embedded SQLite file. With EventStoreDB the
 * URL is required: every api, worker and CLI process has a data dir of its own, so embedded key
 * stores would give one case a different data key in each process, and none could open what another
 * sealed. Errors never print the URL or the connection string, which may hold a password.
 */
export function createKeyStore(
  env: KeyStoreEnv,
  master: MasterKey = loadMasterKey(env),
): AdministeredKeyStore {
  const url = env.LEAP_KEYSTORE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new Error(
        'LEAP_KEYSTORE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database)',
      );
    // Loaded here, not at the top: processes on the embedded key store never load pg.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PostgresKeyStore } = require('./postgres-key-store') as typeof import('./postgres-key-store');
    return new PostgresKeyStore(url, master);
  }
  if (env.EVENTSTORE_CONNECTION_STRING)
    throw new Error(
      'LEAP_KEYSTORE_URL is required with EVENTSTORE_CONNECTION_STRING: every api and worker process must share one key store (postgres://user:password@host:5432/database)',
    );
  return new SqliteKeyStore(privateFile(dataDirOf(env), KEY_STORE_FILE), master);
}
