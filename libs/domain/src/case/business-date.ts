import { assertNever } from '../decider';
import type { CaseCommand } from './commands';
import type { CaseEvent, CaseEventType } from './events';

/**
 * The business date a command states, which may not precede the case's identification: nothing can
 * happen on a case before the student was identified. Identification itself has no earlier date to
 * respect, and a baseline's `asOf` may precede it (the baseline is the attendance that led to it).
 */
export function businessDateOf(command: CaseCommand): string | null {
  switch (command.type) {
    case 'IdentifyStudent':
      return null;
    case 'AssignVisitors':
      return command.data.assignedOn;
    case 'OfferConsent':
      return command.data.offeredOn;
    case 'RecordConsentResponse':
      return command.data.respondedOn;
    case 'ScheduleVisit':
    case 'RecordVisitHeld':
    case 'RecordVisitNotHeld':
      return command.data.date;
    case 'RecordFollowUpCall':
      return command.data.calledOn;
    case 'ReferResource':
      return command.data.referredOn;
    case 'RecordReferralOutcome':
      return command.data.recordedOn;
    case 'CheckAttendance':
    case 'RecordAttendanceCheck':
      return command.data.asOf;
    case 'VoidEntry':
      return command.data.voidedOn;
    case 'TransferCase':
      return command.data.transferredOn;
    case 'CloseCase':
      return command.data.closedOn;
    case 'ReopenCase':
      return command.data.reopenedOn;
    case 'CompleteFollowUp':
      return command.data.completedOn;
    case 'EraseFamilyData':
      return command.data.erasedOn;
    // Follow-up timers, claims and snoozes are recorded time, not business dates.
    case 'RaiseFollowUp':
    case 'ClaimFollowUp':
    case 'SnoozeFollowUp':
      return null;
    default:
      return assertNever(command);
  }
}

/**
 * Which field of each case event holds its business date (the day it happened, `YYYY-MM-DD`); null
 * for what only has recorded time: follow-up timers, claims and snoozes (a reader that must place
 * them on a calendar uses the local date they were recorded). Declared for every current event type:
 * a missing type, or a field its event does not have, fails to compile.
 */
const EVENT_BUSINESS_DATES: {
  readonly [T in CaseEventType]: (keyof Extract<CaseEvent, { type: T }>['data'] & string) | null;
} = {
  'StudentIdentified.v2': 'identifiedOn',
  'VisitorsAssigned.v1': 'assignedOn',
  'ConsentOffered.v1': 'offeredOn',
  'ConsentGranted.v1': 'respondedOn',
  'ConsentDeclined.v2': 'respondedOn',
  'ConsentWithdrawn.v2': 'respondedOn',
  'VisitScheduled.v1': 'date',
  'VisitHeld.v2': 'date',
  'VisitMissed.v2': 'date',
  'VisitCancelled.v2': 'date',
  'FollowUpCallMade.v1': 'calledOn',
  'ResourceReferred.v2': 'referredOn',
  'ReferralOutcomeRecorded.v1': 'recordedOn',
  'AttendanceChecked.v1': 'asOf',
  'EntryVoided.v2': 'voidedOn',
  'CaseTransferred.v1': 'transferredOn',
  'CaseClosed.v1': 'closedOn',
  'CaseReopened.v2': 'reopenedOn',
  'FollowUpDue.v1': null,
  'FollowUpClaimed.v1': null,
  'FollowUpSnoozed.v1': null,
  'FollowUpCompleted.v2': 'completedOn',
  'FamilyDataErased.v1': 'erasedOn',
};

/** Every case event type the domain writes today (legacy versions are read as these). */
export const CURRENT_CASE_EVENT_TYPES = Object.keys(EVENT_BUSINESS_DATES) as CaseEventType[];

/** The business date a case event records, or null when it has recorded time only (see above). */
export function businessDateOfEvent(event: CaseEvent): string | null {
  const field = EVENT_BUSINESS_DATES[event.type];
  if (field === null) return null;
  const value = (event.data as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
}
