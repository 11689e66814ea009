import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { privateFile } from '@leap/event-store';
import { keyStoreContract } from './contract/key-store.contract';
import { PostgresKeyStore } from './postgres-key-store';
import { SqliteKeyStore } from './sqlite-key-store';

keyStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'leap-keys-'));
  return {
    open: (master) => new SqliteKeyStore(privateFile(dir, 'keys.sqlite'), master),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

/** The PostgreSQL server of the machine (trust auth); each test gets a database of its own. */
const SERVER = process.env.LEAP_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function onServer(sql: string): Promise<void> {
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

keyStoreContract('PostgreSQL', async () => {
  const database = `leap_keys_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${database}`);
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return {
    open: (master) => new PostgresKeyStore(url.toString(), master),
    drop: () => onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
  };
});
