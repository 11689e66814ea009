import { describeAppends } from './append.contract';
import { describeConcurrency } from './concurrency.contract';
import { useStore, type CreateStore } from './contract-fixtures';
import { describeInstallationId } from './installation-id.contract';
import { describeReads } from './read.contract';
import { describeSubscriptions } from './subscription.contract';

/**
 * The behaviour every EventStore adapter must show. Register it from a spec with a factory that
 * returns a fresh store and its cleanup; each test gets its own store and unique stream names, so
 * the suite also runs against one shared EventStoreDB server.
 *
 * Not exported from the library barrel: it uses jest's globals. Import it by path.
 */
export function describeEventStoreContract(name: string, create: CreateStore): void {
  describe(`${name} event store contract`, () => {
    const store = useStore(create);
    describeAppends(store);
    describeReads(store);
    describeSubscriptions(store);
    describeConcurrency(store);
    describeInstallationId(store);
  });
}
