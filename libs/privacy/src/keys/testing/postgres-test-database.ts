import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server of the machine (trust auth), or the one `LEAP_TEST_POSTGRES_URL` names. */
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
 * A database of its own for a test (`<prefix>_<random>`): its URL, and `drop` to remove it even
 * while connections are still open (dropping twice is harmless), so no run leaves one behind.
 */
export async function postgresTestDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const database = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${database}`);
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  let dropped: Promise<void> | null = null;
  return {
    url: url.toString(),
    drop: () => (dropped ??= onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)),
  };
}
