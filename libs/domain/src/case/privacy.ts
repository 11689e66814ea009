import {
  HOUSEHOLD,
  STUDENT,
  SUBJECT,
  redactValue,
  type EventFieldClasses,
  type FieldClasses,
  type Pseudonymize,
} from '../privacy/field-classes';
import type { RawStoredCaseEvent, StoredCaseEvent, StoredCaseEventType } from './events';

type RawStoredCaseEventType = RawStoredCaseEvent['type'];

/**
 * Which fields of the case's events are personal data, free text or direct identifiers, declared
 * once for every stored event type, legacy versions included (the field classes are explained in
 * `privacy/field-classes.ts`). Every read path for roles that see no personal data (case, history,
 * lists, worklists, and later timelines and exports) applies `redactEventData`, `redactField` or
 * `redactMetadata`, and nothing else decides what is sensitive.
 */
export const CASE_EVENT_FIELDS: EventFieldClasses<RawStoredCaseEvent> = {
  // Read as v2 at the store boundary; declared for whatever reads a store as it is.
  'StudentIdentified.v1': { studentId: STUDENT, householdId: HOUSEHOLD, pii: 'personal' },
  // `student` and `household` are pseudonyms already: shown as they are.
  'StudentIdentified.v2': { pii: 'personal' },
  'VisitorsAssigned.v1': { visitors: { each: { subject: SUBJECT } } },
  'ConsentOffered.v1': {},
  'ConsentGranted.v1': {},
  'ConsentDeclined.v1': { reason: 'free_text' },
  'ConsentDeclined.v2': { pii: 'personal' },
  'ConsentWithdrawn.v1': { reason: 'free_text' },
  'ConsentWithdrawn.v2': { pii: 'personal' },
  'VisitScheduled.v1': { recordedBy: SUBJECT },
  'VisitHeld.v1': { strengths: 'free_text', aspirations: 'free_text', pii: 'personal', recordedBy: SUBJECT },
  'VisitHeld.v2': { pii: 'personal', recordedBy: SUBJECT },
  'VisitMissed.v1': { reason: 'free_text', recordedBy: SUBJECT },
  'VisitMissed.v2': { pii: 'personal', recordedBy: SUBJECT },
  'VisitCancelled.v1': { reason: 'free_text', recordedBy: SUBJECT },
  'VisitCancelled.v2': { pii: 'personal', recordedBy: SUBJECT },
  'FollowUpCallMade.v1': { pii: 'personal', recordedBy: SUBJECT },
  'ResourceReferred.v1': { partner: 'free_text', recordedBy: SUBJECT },
  'ResourceReferred.v2': { pii: 'personal', recordedBy: SUBJECT },
  'ReferralOutcomeRecorded.v1': { recordedBy: SUBJECT },
  // `month`, `rate` and `yearToDate` (automatic checks) are figures and codes, shown as they are.
  'AttendanceChecked.v1': { recordedBy: SUBJECT },
  'EntryVoided.v1': { reason: 'free_text', recordedBy: SUBJECT },
  'EntryVoided.v2': { pii: 'personal', recordedBy: SUBJECT },
  'CaseTransferred.v1': {},
  'CaseClosed.v1': {},
  'CaseReopened.v1': { reason: 'free_text' },
  'CaseReopened.v2': { pii: 'personal' },
  // The reason of a follow-up is written by the system from codes and dates.
  'FollowUpDue.v1': {},
  'FollowUpClaimed.v1': { claimedBy: SUBJECT },
  'FollowUpCompleted.v1': { outcome: 'free_text', completedBy: SUBJECT },
  'FollowUpCompleted.v2': { pii: 'personal', completedBy: SUBJECT },
  'FollowUpSnoozed.v1': {},
  // A business date and a reason code; who erased is in the metadata.
  'FamilyDataErased.v1': {},
};

/** The data of one stored case event type. */
export type DataOf<T extends StoredCaseEventType> = Extract<StoredCaseEvent, { type: T }>['data'];

/** Whether a stored event is a case event of any version (the legacy ones included). */
export const isCaseEventType = (type: string): type is RawStoredCaseEventType =>
  Object.hasOwn(CASE_EVENT_FIELDS, type);

/** Every stored case event type, legacy versions included (the declaration above is exhaustive, checked at compile time). */
export const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_FIELDS) as RawStoredCaseEventType[];

/**
 * One field of an event as a view for roles without personal data shows it: `undefined` when it must
 * not be shown, its pseudonym for an identifier, else the value. For views built from state (lists,
 * worklists), naming the event field the value came from.
 */
export function redactField<T extends StoredCaseEventType>(
  type: T,
  field: keyof DataOf<T> & string,
  value: unknown,
  pseudonymize: Pseudonymize,
): unknown {
  const classes = CASE_EVENT_FIELDS[type] as FieldClasses;
  return redactValue(value, classes[field], pseudonymize);
}
