import { keyedCaseUpcasts, type Pseudonymize } from '@leap/domain';
import type { EventStore } from '@leap/event-store';
import { UpcastingEventStore } from './upcasting-event-store';

/** What the application's protections of the event store need. */
export interface EventStoreProtection {
  /** The install's keyed pseudonyms (`PSEUDONYMIZE`). */
  pseudonymize: Pseudonymize;
}

/**
 * The event store as the application uses it, around the raw adapter (`createEventStore`): stored
 * events of older versions whose upcast needs the install's keys are read as current ones. Every
 * process of the application (api, worker, CLI, test harness) reads the store through this, so no
 * reader above it ever meets `StudentIdentified.v1` and its ids in clear.
 */
export function protectEventStore(raw: EventStore, { pseudonymize }: EventStoreProtection): EventStore {
  return new UpcastingEventStore(raw, keyedCaseUpcasts(pseudonymize));
}
