import { EsdbDouble } from '../esdb-double/esdb-double';
import { sharedKeyStore } from './shared-key-store';
import { TEST_MASTER_KEY, TEST_PSEUDONYM_KEY } from './test-secret';

/**
 * Which event store the end-to-end suites run on. `npm test` runs them twice (see jest.config.js):
 * once on the embedded SQLite store, once with the EventStoreDB adapter against the gRPC double of
 * the server — or against a real server when EVENTSTORE_CONNECTION_STRING is also set.
 */
export const EVENT_STORE_UNDER_TEST: 'sqlite' | 'eventstoredb' =
  process.env.LEAP_TEST_EVENT_STORE === 'eventstoredb' ? 'eventstoredb' : 'sqlite';

export interface EventStoreBackend {
  /**
   * Environment for the API process: nothing for embedded SQLite; on EventStoreDB the connection
   * string, the shared secrets and `LEAP_KEYSTORE_URL`, a PostgreSQL database of this backend's own
   * that every process started with this environment shares.
   */
  env: Record<string, string>;
  double: EsdbDouble | null;
  /** Stops the double and drops the key store's database. */
  stop(): Promise<void>;
}

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;

export async function startEventStoreUnderTest(): Promise<EventStoreBackend> {
  if (EVENT_STORE_UNDER_TEST === 'sqlite') return { env: {}, double: null, stop: async () => {} };
  const keys = await sharedKeyStore();
  const shared = {
    LEAP_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
    LEAP_MASTER_KEY: TEST_MASTER_KEY,
    LEAP_KEYSTORE_URL: keys.url,
  };
  if (realServer)
    return { env: { EVENTSTORE_CONNECTION_STRING: realServer, ...shared }, double: null, stop: keys.drop };
  const double = await EsdbDouble.start({ batchAppend: true }).catch(async (error: unknown) => {
    await keys.drop();
    throw error;
  });
  return {
    env: { EVENTSTORE_CONNECTION_STRING: double.connectionString, ...shared },
    double,
    stop: async () => {
      await double.stop();
      await keys.drop();
    },
  };
}
