import { seesPersonalData, type Principal } from '@leap/auth';
import {
  isCaseEventType,
  redactEventData,
  redactMetadata,
  upcastCaseEvent,
  type Pseudonymize,
  type StoredCaseEvent,
} from '@leap/domain';
import type { JsonObject, RecordedEvent } from '@leap/event-store';

/**
 * Recorded events as a principal may see them, each as the current version of its type (a legacy
 * version is upcast, its recorded id, revision and metadata kept). Roles that read personal data see
 * them as recorded; the others see every event through the domain's one redactor (no personal data,
 * no free text, pseudonyms for students, households and logins). Case views and history states are
 * folded from what is shown, so they cannot show more than the events they come from.
 */
export function asShownTo(
  principal: Principal,
  events: RecordedEvent[],
  pseudonymize: Pseudonymize,
): RecordedEvent[] {
  if (seesPersonalData(principal.role)) return events.map(upcastRecorded);
  return events.map((event) => deidentified(event, pseudonymize));
}

/**
 * One recorded event as roles without personal data see it, whatever the reader's own role: the
 * current version of its type, through the domain's one redactor. The program timeline shows every
 * role this, so a coordinator's timeline is as de-identified as a fidelity monitor's.
 */
export function deidentified(event: RecordedEvent, pseudonymize: Pseudonymize): RecordedEvent {
  const current = upcastRecorded(event);
  return {
    ...current,
    data: redactEventData(current.type, current.data, pseudonymize),
    metadata: redactMetadata(current.metadata, pseudonymize),
  };
}

function upcastRecorded(event: RecordedEvent): RecordedEvent {
  if (!isCaseEventType(event.type)) return event;
  const upcast = upcastCaseEvent({ type: event.type, data: event.data } as StoredCaseEvent);
  return upcast.type === event.type
    ? event
    : { ...event, type: upcast.type, data: upcast.data as JsonObject };
}
