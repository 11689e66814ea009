import type { Pseudonymize } from '@leap/domain';
import type { EventStore, EventStoreWrapper } from '@leap/event-store';
import { PSEUDONYMIZE } from '../privacy.module';
import { protectEventStore } from './protect-event-store';

/**
 * The application's `EVENT_STORE`: `EventStoreModule.forRoot(protectedEventStore)` wraps the raw
 * adapter with `protectEventStore`, its options injected from the privacy module's providers.
 */
export const protectedEventStore: EventStoreWrapper = {
  inject: [PSEUDONYMIZE],
  wrap: (raw: EventStore, pseudonymize: Pseudonymize) => protectEventStore(raw, { pseudonymize }),
};
