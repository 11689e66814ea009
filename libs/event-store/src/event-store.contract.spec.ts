import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbDouble } from '../../../test/esdb-double/esdb-double';
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

/** A fresh adapter (and client) per test, on one server shared by the whole suite. */
const eventStoreDb =
  (connectionString: () => string): CreateStore =>
  async () => {
    const store = new EventStoreDbEventStore(connectionString());
    return { store, cleanup: () => store.close() };
  };

describeEventStoreContract('sqlite', sqlite);

/**
 * The EventStoreDB adapter always runs the contract: against the server named by
 * EVENTSTORE_CONNECTION_STRING when there is one (CI service, local docker), otherwise against the
 * in-memory gRPC double (test/esdb-double), once per server generation the client meets:
 * - from 23.10: the client appends through `Streams.BatchAppend`, subscriptions get `caughtUp`;
 * - before 21.10: `Streams.Append`, and no `caughtUp`, so the adapter must tell on its own when a
 *   subscription has caught up.
 * What the double does not do (ACLs, projections, scavenging, clustering...) is listed in its
 * README; the contract needs none of it.
 */
const configured = process.env.EVENTSTORE_CONNECTION_STRING;
const generations = [
  { name: 'like servers from 23.10: BatchAppend, caughtUp', options: { batchAppend: true } },
  {
    name: 'like servers before 21.10: Append, no caughtUp',
    options: { batchAppend: false, caughtUpMessages: false },
  },
];
if (configured) {
  describeEventStoreContract(
    'eventstoredb (EVENTSTORE_CONNECTION_STRING)',
    eventStoreDb(() => configured),
  );
} else {
  for (const { name, options } of generations) {
    describe(`with the EventStoreDB double, ${name}`, () => {
      let double: EsdbDouble | undefined;
      beforeAll(async () => {
        double = await EsdbDouble.start(options);
      });
      afterAll(async () => {
        await double?.stop();
      });
      describeEventStoreContract(
        'eventstoredb',
        eventStoreDb(() => {
          if (!double) throw new Error('The EventStoreDB double did not start');
          return double.connectionString;
        }),
      );
    });
  }
}
