import { createEventStore, type EventStoreEnv } from '../../../libs/event-store/src/create-event-store';
import type { EventStore } from '../../../libs/event-store/src/event-store.port';
import { AesGcmPiiCipher } from '../../../libs/privacy/src/crypto/aes-gcm-pii-cipher';
import type { PiiCipher } from '../../../libs/privacy/src/crypto/pii-cipher';
import { createKeyStore, type KeyStoreEnv } from '../../../libs/privacy/src/keys/create-key-store';
import { protectEventStore } from '../../../libs/privacy/src/stored-events/protect-event-store';

/**
 * The event store as the application uses it, for the CLI: the configured store with personal data
 * sealed on its way in, and the cipher of the configured key store, which projections that search
 * or show a name open their identifications with. `close` closes both.
 */
export function openProtectedStore(env: EventStoreEnv & KeyStoreEnv): {
  store: EventStore;
  cipher: PiiCipher;
  close(): Promise<void>;
} {
  const keys = createKeyStore(env);
  const cipher = new AesGcmPiiCipher(keys);
  const store = protectEventStore(createEventStore(env), { cipher });
  return {
    store,
    cipher,
    async close() {
      await store.close();
      await keys.close();
    },
  };
}
