import { postgresTestDatabase } from '../../libs/privacy/src/keys/testing/postgres-test-database';

/**
 * A key store database of its own on the machine's PostgreSQL, for processes that must open the
 * same data keys (an api and a worker on one EventStoreDB, each with a data dir of its own; every
 * process on EventStoreDB requires one): its `LEAP_KEYSTORE_URL`, and `drop` to remove it
 * afterwards, even while a process still holds connections (dropping twice is harmless).
 */
export const sharedKeyStore = (): Promise<{ url: string; drop(): Promise<void> }> =>
  postgresTestDatabase('leap_test');
