import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AesGcmPiiCipher } from './crypto/aes-gcm-pii-cipher';
import { PII_CIPHER } from './crypto/pii-cipher';
import { createKeyStore } from './keys/create-key-store';
import { KEY_STORE, type KeyStore } from './keys/key-store.port';
import { loadPseudonymKey } from './pseudonym-key';
import { createPseudonymizer } from './pseudonyms';

/** DI token of the install's `Pseudonymize` function. */
export const PSEUDONYMIZE = Symbol('PSEUDONYMIZE');

/**
 * Pseudonyms, the key store and the PII cipher, for every module. A missing or malformed master
 * key, or on EventStoreDB a missing `LEAP_KEYSTORE_URL`, stops the process at startup (see
 * `loadMasterKey`, `createKeyStore`); the key store closes on shutdown.
 */
@Global()
@Module({
  providers: [
    { provide: PSEUDONYMIZE, useFactory: () => createPseudonymizer(loadPseudonymKey(process.env)) },
    { provide: KEY_STORE, useFactory: () => createKeyStore(process.env) },
    { provide: PII_CIPHER, useFactory: (keys: KeyStore) => new AesGcmPiiCipher(keys), inject: [KEY_STORE] },
  ],
  exports: [PSEUDONYMIZE, KEY_STORE, PII_CIPHER],
})
export class PrivacyModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
