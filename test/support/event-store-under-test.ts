import { EsdbDouble } from '../esdb-double/esdb-double';
import { TEST_MASTER_KEY, TEST_PSEUDONYM_KEY } from './test-secret';

/**
 * Which event store the end-to-end suites run on. `npm test` runs them twice (see jest.config.js):
 * once on the embedded SQLite store, once with the EventStoreDB adapter against the gRPC double of
 * the server — or against a real server when EVENTSTORE_CONNECTION_STRING is also set.
 */
export const EVENT_STORE_UNDER_TEST: 'sqlite' | 'eventstoredb' =
  process.env.LEAP_TEST_EVENT_STORE === 'eventstoredb' ? 'eventstoredb' : 'sqlite';

export interface EventStoreBackend {
  /** Environment for the API process: the connection string, or nothing for embedded SQLite. */
  env: Record<string, string>;
  double: EsdbDouble | null;
  stop(): Promise<void>;
}

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;

export async function startEventStoreUnderTest(): Promise<EventStoreBackend> {
  if (EVENT_STORE_UNDER_TEST === 'sqlite') return { env: {}, double: null, stop: async () => {} };
  if (realServer)
    return {
      env: {
        EVENTSTORE_CONNECTION_STRING: realServer,
        LEAP_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
        LEAP_MASTER_KEY: TEST_MASTER_KEY,
      },
      double: null,
      stop: async () => {},
    };
  const double = await EsdbDouble.start({ batchAppend: true });
  return {
    env: {
      EVENTSTORE_CONNECTION_STRING: double.connectionString,
      LEAP_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      LEAP_MASTER_KEY: TEST_MASTER_KEY,
    },
    double,
    stop: () => double.stop(),
  };
}
