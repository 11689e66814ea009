import type { Pseudonymize } from '@leap/domain';
import type { EventStore, EventStoreWrapper } from '@leap/event-store';
import { PII_CIPHER, type PiiCipher } from '../crypto/pii-cipher';
import { PSEUDONYMIZE } from '../privacy.module';
import { piiSealingOf } from './pii-sealing';
import { protectEventStore } from './protect-event-store';

/**
 * The application's `EVENT_STORE`: `EventStoreModule.forRoot(protectedEventStore)` wraps the raw
 * adapter with `protectEventStore`, its options injected from the privacy module's providers
 * (sealing turned off only by a benchmark: `piiSealingOf`).
 */
export const protectedEventStore: EventStoreWrapper = {
  inject: [PSEUDONYMIZE, PII_CIPHER],
  wrap: (raw: EventStore, pseudonymize: Pseudonymize, cipher: PiiCipher) =>
    protectEventStore(raw, { pseudonymize, cipher, sealing: piiSealingOf(process.env) }),
};
