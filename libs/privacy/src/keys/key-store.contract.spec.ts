import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateFile } from '@leap/event-store';
import { keyStoreContract } from './contract/key-store.contract';
import { PostgresKeyStore } from './postgres-key-store';
import { SqliteKeyStore } from './sqlite-key-store';
import { postgresTestDatabase } from './testing/postgres-test-database';

keyStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'leap-keys-'));
  return {
    open: (master) => new SqliteKeyStore(privateFile(dir, 'keys.sqlite'), master),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

keyStoreContract('PostgreSQL', async () => {
  const database = await postgresTestDatabase('leap_keys');
  return {
    open: (master) => new PostgresKeyStore(database.url, master),
    drop: () => database.drop(),
  };
});
