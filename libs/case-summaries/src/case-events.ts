import {
  CASE_EVENT_TYPES,
  caseDecider,
  isCaseEventType,
  upcastCaseEvent,
  type CaseEvent,
  type CaseState,
  type OpenCase,
  type StoredCaseEvent,
} from '@leap/domain';
import type { AllEventsFilter, RecordedEvent } from '@leap/event-store';

/**
 * What every read model of cases shares: which events it reads, which case each belongs to, and
 * how an event moves the case's state — with the domain's own `evolve`, so read models apply voids,
 * transfers, numbering and follow-up resolution exactly as the command side does.
 */
const CASE_STREAM = 'case-';

export const caseEventsFilter: AllEventsFilter = {
  streamPrefixes: [CASE_STREAM],
  eventTypes: CASE_EVENT_TYPES,
};

/**
 * After these, the family's personal data must be gone from the read-model files: a projection of
 * cases names them as `purgeOn`, so the runner truncates the WAL once a batch holding one commits.
 */
export const CASE_PURGE_EVENTS: readonly StoredCaseEvent['type'][] = ['FamilyDataErased.v1'];

export const caseIdOf = (event: RecordedEvent): string | null =>
  event.streamId.startsWith(CASE_STREAM) ? event.streamId.slice(CASE_STREAM.length) : null;

/**
 * The case's state after `event`, or null when it is not a case event or precedes the identification.
 * Folded without personal data: every `pii` object (sealed as stored) is left out, so a read model's
 * document never holds one; the few personal fields a read model needs come from `prepare`
 * (`personal-fields.ts`).
 */
export function evolveCaseState(
  state: CaseState | undefined,
  event: RecordedEvent,
): { state: OpenCase; event: CaseEvent } | null {
  if (!isCaseEventType(event.type)) return null;
  // Legacy versions are read as the current one, so projections look at current events only.
  const domainEvent = withoutPii(upcastCaseEvent({ type: event.type, data: event.data } as StoredCaseEvent));
  const next = caseDecider.evolve(state ?? caseDecider.initialState(), domainEvent);
  return next.status === 'none' ? null : { state: next, event: domainEvent };
}

function withoutPii(event: CaseEvent): CaseEvent {
  return 'pii' in event.data ? ({ ...event, data: { ...event.data, pii: {} } } as CaseEvent) : event;
}
