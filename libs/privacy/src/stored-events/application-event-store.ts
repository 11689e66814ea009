import { createEventStore, type EventStore, type EventStoreEnv } from '@leap/event-store';
import { AesGcmPiiCipher } from '../crypto/aes-gcm-pii-cipher';
import type { PiiCipher } from '../crypto/pii-cipher';
import { createKeyStore, type KeyStoreEnv } from '../keys/create-key-store';
import { loadPseudonymKey, type PseudonymKeyEnv } from '../pseudonym-key';
import { createPseudonymizer } from '../pseudonyms';
import { piiSealingOf, type PiiSealingEnv } from './pii-sealing';
import { protectEventStore } from './protect-event-store';

export type ApplicationEnv = EventStoreEnv & PseudonymKeyEnv & KeyStoreEnv & PiiSealingEnv;

/**
 * The configured event store as every process of the application uses it, for processes without
 * Nest (CLI commands, the test harness): the adapter `createEventStore` opens, protected by
 * `protectEventStore` with the install's keys, and the cipher of the configured key store (which
 * projections that show a name open it with). Closing the store closes the key store too. The api
 * and worker get the same through `EventStoreModule.forRoot(protectedEventStore)`.
 */
export function openApplicationStores(env: ApplicationEnv): { store: EventStore; cipher: PiiCipher } {
  const sealing = piiSealingOf(env);
  const pseudonymize = createPseudonymizer(loadPseudonymKey(env));
  const keys = createKeyStore(env);
  const cipher = new AesGcmPiiCipher(keys);
  const store = protectEventStore(createEventStore(env), { pseudonymize, cipher, sealing });
  const closeStore = store.close.bind(store);
  const close = async () => {
    await closeStore();
    await keys.close();
  };
  return { store: Object.assign(store, { close }), cipher };
}

/** `openApplicationStores(env).store`. */
export function openApplicationEventStore(env: ApplicationEnv): EventStore {
  return openApplicationStores(env).store;
}
