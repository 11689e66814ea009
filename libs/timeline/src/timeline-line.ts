import { businessDateOfEvent, CURRENT_CASE_EVENT_TYPES, type CaseEvent } from '@leap/domain';
import { categoryOf, type RecordedEvent } from '@leap/event-store';

/**
 * One line of the program timeline: an event as roles without personal data see it, placed on the
 * business calendar. Built only from events already through the one redactor (`deidentified` of
 * `@leap/cases`), so it holds codes, dates, figures, system-made ids and pseudonyms, and nothing else.
 */
export interface TimelineLine {
  /** The day it happened (`YYYY-MM-DD`); for what has recorded time only, the local date it was recorded. */
  businessDate: string;
  /** When the system recorded it (the store's instant). */
  recordedAt: string;
  /** The stream category: `case` or `visitor`. */
  category: TimelineCategory;
  type: string;
  /** The case (case events) or the visitor (visitor training), by their system-made ids. */
  caseId?: string;
  visitorId?: string;
  /** The case's student and household pseudonyms (null household: none was given). */
  student?: string | null;
  household?: string | null;
  districtId: string;
  schoolId: string | null;
  /** The event's data as the redactor shows it: codes, dates, figures, pseudonyms. */
  data: Record<string, unknown>;
}

export type TimelineCategory = 'case' | 'visitor';

/**
 * Visitor training is program history (did the visitor complete LEAP 101 before the visit?) and holds
 * no personal data. A visitor's registration is a staff directory entry (a name, an organisation), not
 * something that happened in the program: it is left out, like the imported attendance days, the
 * registry and the system's own streams.
 */
export const VISITOR_TIMELINE_TYPES = ['VisitorTrainingCompleted.v1'] as const;

/** Every event type a timeline may show, as `types` names them (current versions). */
export const TIMELINE_EVENT_TYPES: readonly string[] = [
  ...CURRENT_CASE_EVENT_TYPES,
  ...VISITOR_TIMELINE_TYPES,
];

/** The stream prefixes a timeline reads. */
export const TIMELINE_STREAM_PREFIXES = ['case-', 'visitor-'];

/** Pseudonyms of a case's student and household, from its identification. */
export type CaseIdentity = { student: string | null; household: string | null };

/**
 * The line of a de-identified event, or null for an event the timeline does not show.
 * `localDateOf` places recorded-time-only events on the district's calendar.
 */
export function toTimelineLine(
  event: RecordedEvent,
  identityOf: (caseId: string) => CaseIdentity | undefined,
  localDateOf: (instant: string) => string,
): TimelineLine | null {
  const category = categoryOf(event.streamId);
  const id = event.streamId.slice(category.length + 1);
  const scope = {
    districtId: String(event.metadata.districtId),
    schoolId: typeof event.metadata.schoolId === 'string' ? event.metadata.schoolId : null,
  };
  const head = { recordedAt: event.recordedAt, type: event.type };
  if (category === 'case' && CURRENT_CASE_EVENT_TYPES.includes(event.type as CaseEvent['type'])) {
    const date = businessDateOfEvent(event as unknown as CaseEvent) ?? localDateOf(event.recordedAt);
    const identity = identityOf(id) ?? { student: null, household: null };
    return { businessDate: date, ...head, category, caseId: id, ...identity, ...scope, data: event.data };
  }
  if (category === 'visitor' && event.type === 'VisitorTrainingCompleted.v1') {
    const date =
      typeof event.data.completedOn === 'string' ? event.data.completedOn : localDateOf(event.recordedAt);
    return { businessDate: date, ...head, category, visitorId: id, ...scope, data: event.data };
  }
  return null;
}

/** The identity a de-identified `StudentIdentified` names, or undefined for any other event. */
export function identityNamedBy(event: RecordedEvent): CaseIdentity | undefined {
  if (event.type !== 'StudentIdentified.v2') return undefined;
  const { student, household } = event.data;
  return {
    student: typeof student === 'string' ? student : null,
    household: typeof household === 'string' ? household : null,
  };
}
