import type { CaseEvent, CaseEventType } from './events';

/**
 * Which fields of the case's events are personal data, free text or direct identifiers, declared
 * once for every stored event type. Every read path for roles that see no personal data (case,
 * history, lists, worklists, and later timelines and exports) applies `redactEventData`,
 * `redactField` or `redactMetadata` below, and nothing else decides what is sensitive.
 *
 * - `personal`: the `pii` objects (names, phone, address, notes). Dropped.
 * - `free_text`: written by people, so it may name anyone (reasons, strengths, outcomes). Dropped.
 * - `{ pseudonym }`: a direct identifier (the state student id, a household id, a login subject).
 *   Replaced by its keyed pseudonym, so records stay linkable without identifying anyone.
 * - `{ each }`: an array of objects whose fields are classified in turn.
 * Fields not listed are codes, dates, figures and system-made ids, shown as they are.
 */
export type PseudonymKind = 'student' | 'household' | 'subject';

/** The install's keyed pseudonym of an identifier (see `libs/privacy`). */
export type Pseudonymize = (kind: PseudonymKind, id: string) => string;

export type FieldClass = 'personal' | 'free_text' | { pseudonym: PseudonymKind } | { each: FieldClasses };
export type FieldClasses = Readonly<Record<string, FieldClass>>;

/** The data of one case event type. */
export type DataOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>['data'];
type ClassesOf<T extends CaseEventType> = { readonly [K in keyof DataOf<T>]?: FieldClass };

const STUDENT = { pseudonym: 'student' } as const;
const HOUSEHOLD = { pseudonym: 'household' } as const;
const SUBJECT = { pseudonym: 'subject' } as const;

export const CASE_EVENT_FIELDS: { readonly [T in CaseEventType]: ClassesOf<T> } = {
  'StudentIdentified.v1': { studentId: STUDENT, householdId: HOUSEHOLD, pii: 'personal' },
  'VisitorsAssigned.v1': { visitors: { each: { subject: SUBJECT } } },
  'ConsentOffered.v1': {},
  'ConsentGranted.v1': {},
  'ConsentDeclined.v1': { reason: 'free_text' },
  'ConsentWithdrawn.v1': { reason: 'free_text' },
  'VisitScheduled.v1': { recordedBy: SUBJECT },
  'VisitHeld.v1': { strengths: 'free_text', aspirations: 'free_text', pii: 'personal', recordedBy: SUBJECT },
  'VisitMissed.v1': { reason: 'free_text', recordedBy: SUBJECT },
  'VisitCancelled.v1': { reason: 'free_text', recordedBy: SUBJECT },
  'FollowUpCallMade.v1': { pii: 'personal', recordedBy: SUBJECT },
  'ResourceReferred.v1': { partner: 'free_text', recordedBy: SUBJECT },
  'ReferralOutcomeRecorded.v1': { recordedBy: SUBJECT },
  'AttendanceChecked.v1': { recordedBy: SUBJECT },
  'EntryVoided.v1': { reason: 'free_text', recordedBy: SUBJECT },
  'CaseTransferred.v1': {},
  'CaseClosed.v1': {},
  'CaseReopened.v1': { reason: 'free_text' },
  // The reason of a follow-up is written by the system from codes and dates.
  'FollowUpDue.v1': {},
  'FollowUpClaimed.v1': { claimedBy: SUBJECT },
  'FollowUpCompleted.v1': { outcome: 'free_text', completedBy: SUBJECT },
  'FollowUpSnoozed.v1': {},
};

/**
 * Event metadata: who acted is a login subject (unless it was the system); idempotency keys and
 * correlation and causation ids may be chosen by clients, so they are treated as free text.
 */
const METADATA_FIELDS: FieldClasses = {
  actorId: SUBJECT,
  idempotencyKey: 'free_text',
  correlationId: 'free_text',
  causationId: 'free_text',
};

export const isCaseEventType = (type: string): type is CaseEventType =>
  Object.hasOwn(CASE_EVENT_FIELDS, type);

/** Every case event type (the declaration above is exhaustive, checked at compile time). */
export const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_FIELDS) as CaseEventType[];

/** The event's data without personal data and free text, identifiers pseudonymised. Unknown types keep nothing. */
export function redactEventData(
  type: string,
  data: Readonly<Record<string, unknown>>,
  pseudonymize: Pseudonymize,
): Record<string, unknown> {
  if (!isCaseEventType(type)) return {};
  return redactObject(data, CASE_EVENT_FIELDS[type] as FieldClasses, pseudonymize);
}

/**
 * One field of an event as a view for roles without personal data shows it: `undefined` when it must
 * not be shown, its pseudonym for an identifier, else the value. For views built from state (lists,
 * worklists), naming the event field the value came from.
 */
export function redactField<T extends CaseEventType>(
  type: T,
  field: keyof DataOf<T> & string,
  value: unknown,
  pseudonymize: Pseudonymize,
): unknown {
  const classes = CASE_EVENT_FIELDS[type] as FieldClasses;
  return redactValue(value, classes[field], pseudonymize);
}

/** Metadata as shown to roles without personal data: the acting login pseudonymised (`system` stays). */
export function redactMetadata(
  metadata: Readonly<Record<string, unknown>>,
  pseudonymize: Pseudonymize,
): Record<string, unknown> {
  if (metadata.actorRole === 'system') return { ...metadata };
  return redactObject(metadata, METADATA_FIELDS, pseudonymize);
}

function redactObject(
  data: Readonly<Record<string, unknown>>,
  classes: FieldClasses,
  pseudonymize: Pseudonymize,
): Record<string, unknown> {
  const redacted: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(data)) {
    const shown = redactValue(
      value,
      Object.hasOwn(classes, field) ? classes[field] : undefined,
      pseudonymize,
    );
    if (shown !== undefined) redacted[field] = shown;
  }
  return redacted;
}

function redactValue(
  value: unknown,
  fieldClass: FieldClass | undefined,
  pseudonymize: Pseudonymize,
): unknown {
  if (fieldClass === undefined) return value;
  if (fieldClass === 'personal' || fieldClass === 'free_text') return undefined;
  if ('pseudonym' in fieldClass) {
    return typeof value === 'string'
      ? pseudonymize(fieldClass.pseudonym, value)
      : value === null
        ? null
        : undefined;
  }
  if (!Array.isArray(value)) return undefined;
  return value.map((item: unknown) =>
    item !== null && typeof item === 'object'
      ? redactObject(item as Record<string, unknown>, fieldClass.each, pseudonymize)
      : undefined,
  );
}
