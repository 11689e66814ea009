import { assertNever } from '../decider';
import type { CaseCommand } from './commands';

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
