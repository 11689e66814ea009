import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server of the machine (trust auth). */
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

/**
 * A key store database of its own on the machine's PostgreSQL, for processes that must open the
 * same data keys (an api and a worker on one EventStoreDB, each with a data dir of its own; every
 * process on EventStoreDB requires one): its `LEAP_KEYSTORE_URL`, and `drop` to remove it
 * afterwards, even while a process still holds connections (dropping twice is harmless).
 */
export async function sharedKeyStore(): Promise<{ url: string; drop(): Promise<void> }> {
  const database = `leap_test_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${database}`);
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  let dropped: Promise<void> | null = null;
  return {
    url: url.toString(),
    drop: () => (dropped ??= onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)),
  };
}
