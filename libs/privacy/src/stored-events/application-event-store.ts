import { createEventStore, type EventStore, type EventStoreEnv } from '@leap/event-store';
import { loadPseudonymKey, type PseudonymKeyEnv } from '../pseudonym-key';
import { createPseudonymizer } from '../pseudonyms';
import { protectEventStore } from './protect-event-store';

/**
 * The configured event store as every process of the application reads it, for processes without
 * Nest (CLI commands, the test harness): the adapter `createEventStore` opens, protected by
 * `protectEventStore` with the install's keys. The api and worker get the same through
 * `EventStoreModule.forRoot(protectedEventStore)`.
 */
export function openApplicationEventStore(env: EventStoreEnv & PseudonymKeyEnv): EventStore {
  const pseudonymize = createPseudonymizer(loadPseudonymKey(env));
  return protectEventStore(createEventStore(env), { pseudonymize });
}
