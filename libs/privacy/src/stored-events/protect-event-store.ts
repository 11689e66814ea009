import type { Pseudonymize } from '@leap/domain';
import type { EventStore } from '@leap/event-store';
import { PII_CIPHER, type PiiCipher } from '../crypto/pii-cipher';
import { PSEUDONYMIZE } from '../privacy.module';
import { SealingEventStore } from './sealing-event-store';

export interface EventStoreProtection {
  /** Seals every `pii` object on its way in (see `SealingEventStore`). */
  cipher: PiiCipher;
  /** The install's pseudonymizer, for decorators that read legacy events as current ones. */
  pseudonymize?: Pseudonymize;
}

/**
 * The event store as the application uses it: the raw adapter wrapped so personal data is sealed
 * before it is stored. Every path that creates a store for the application (the Nest provider, the
 * CLI, the worker through the application module) goes through here, so none writes clear `pii`.
 */
export function protectEventStore(raw: EventStore, protection: EventStoreProtection): EventStore {
  return new SealingEventStore(raw, protection.cipher);
}

/** `EventStoreModule.forRoot(PROTECTED_EVENT_STORE)`: the application's `EVENT_STORE`, protected. */
export const PROTECTED_EVENT_STORE = {
  inject: [PII_CIPHER, PSEUDONYMIZE],
  wrap: (raw: EventStore, cipher: PiiCipher, pseudonymize: Pseudonymize) =>
    protectEventStore(raw, { cipher, pseudonymize }),
};
