import { dataDirOf, privateFile } from './data-dir';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface EventStoreEnv {
  /** When set (e.g. `esdb://localhost:2113?tls=false`), EventStoreDB is the store. */
  EVENTSTORE_CONNECTION_STRING?: string;
  /** Directory of the embedded store's `events.sqlite` (default `./data`). */
  LEAP_DATA_DIR?: string;
}

/** The configured event store: EventStoreDB when a connection string is given, else embedded SQLite. */
export function createEventStore(env: EventStoreEnv): EventStore {
  if (env.EVENTSTORE_CONNECTION_STRING) {
    // Loaded here, not at the top: processes on the embedded store never load the gRPC client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventStoreDbEventStore } = require('./eventstoredb') as typeof import('./eventstoredb');
    return new EventStoreDbEventStore(env.EVENTSTORE_CONNECTION_STRING);
  }
  return new SqliteEventStore(privateFile(dataDirOf(env), 'events.sqlite'));
}
