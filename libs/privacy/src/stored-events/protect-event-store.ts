import { keyedCaseUpcasts, type Pseudonymize } from '@leap/domain';
import type { EventStore } from '@leap/event-store';
import type { PiiCipher } from '../crypto/pii-cipher';
import { SealingEventStore } from './sealing-event-store';
import { UpcastingEventStore } from './upcasting-event-store';

/** What the application's protections of the event store need. */
export interface EventStoreProtection {
  /** The install's keyed pseudonyms (`PSEUDONYMIZE`). */
  pseudonymize: Pseudonymize;
  /** Seals every `pii` object on its way in (`PII_CIPHER`). */
  cipher: PiiCipher;
  /** `off` only in a benchmark (`piiSealingOf`): appends keep `pii` in clear. Default `on`. */
  sealing?: 'on' | 'off';
}

/**
 * The event store as the application uses it, around the raw adapter (`createEventStore`):
 * - personal data is sealed before it is appended (`SealingEventStore`): no path writes clear `pii`;
 * - stored events of older versions whose upcast needs the install's keys are read as current ones,
 *   so no reader above it ever meets `StudentIdentified.v1` and its ids in clear.
 * Reads are not decrypted here: readers that show personal data open it (`openPii`).
 * Every process of the application (api, worker, CLI, test harness) uses the store through this.
 */
export function protectEventStore(
  raw: EventStore,
  { pseudonymize, cipher, sealing = 'on' }: EventStoreProtection,
): EventStore {
  const upcasting = new UpcastingEventStore(raw, keyedCaseUpcasts(pseudonymize));
  return sealing === 'off' ? upcasting : new SealingEventStore(upcasting, cipher);
}
