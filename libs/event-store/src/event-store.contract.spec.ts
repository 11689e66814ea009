import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from './contract/event-store.contract';
import type { CreateStore } from './contract/contract-fixtures';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

const sqlite: CreateStore = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'leap-event-store-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** EventStoreDB joins the run only when a server is configured (CI service or the gRPC double). */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const eventStoreDb: CreateStore = async () => {
  const store = new EventStoreDbEventStore(connectionString ?? '');
  return { store, cleanup: () => store.close() };
};

const adapters: Array<[string, CreateStore]> = [['sqlite', sqlite]];
if (connectionString) adapters.push(['eventstoredb', eventStoreDb]);

for (const [name, create] of adapters) describeEventStoreContract(name, create);
