import { seesPersonalData, type Principal } from '@leap/auth';
import { redactEventData, redactMetadata, type Pseudonymize } from '@leap/domain';
import type { RecordedEvent } from '@leap/event-store';

/**
 * Recorded events as a principal may see them. Roles that read personal data see them as recorded;
 * the others see every event through the domain's one redactor (no personal data, no free text,
 * pseudonyms for students, households and logins). Case views and history states are folded from
 * what is shown, so they cannot show more than the events they come from.
 */
export function asShownTo(
  principal: Principal,
  events: RecordedEvent[],
  pseudonymize: Pseudonymize,
): RecordedEvent[] {
  if (seesPersonalData(principal.role)) return events;
  return events.map((event) => ({
    ...event,
    data: redactEventData(event.type, event.data, pseudonymize),
    metadata: redactMetadata(event.metadata, pseudonymize),
  }));
}
