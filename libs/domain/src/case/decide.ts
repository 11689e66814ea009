import { assertNever, conflict, notFound } from '../decider';
import { businessDateOf } from './business-date';
import type { CaseCommand, EraseFamilyData, IdentifyStudent } from './commands';
import { offerConsent, respondToConsent } from './decide-consent';
import {
  checkAttendance,
  recordAttendanceCheck,
  recordFollowUpCall,
  recordReferralOutcome,
  referResource,
  voidEntry,
} from './decide-entries';
import { claimFollowUp, completeFollowUp, raiseFollowUp, snoozeFollowUp } from './decide-follow-ups';
import { assignVisitors, closeCase, identifyStudent, reopenCase, transferCase } from './decide-lifecycle';
import { recordVisitHeld, recordVisitNotHeld, scheduleVisit } from './decide-visits';
import { eraseFamilyData, refuseNewPersonalData } from './erasure';
import type { CaseEvent } from './events';
import type { CaseState, OpenCase } from './state';

/**
 * Decides a case command. Case-wide rules come first, in this order: the case must exist (and only
 * identification may create it); a closed case accepts nothing but reopening; no business date may
 * precede identification. Command-specific rules follow in the per-command functions. Erasure is
 * decided before the closed-case rule (a closed case can be erased), and once a family's data is
 * erased, no command may add personal data or free text to the case.
 */
export function decideCase(command: CaseCommand, state: CaseState): CaseEvent[] {
  if (state.status === 'none') {
    if (command.type === 'IdentifyStudent') return identifyStudent(command);
    throw notFound('case_not_found', 'There is no such case');
  }
  if (command.type === 'IdentifyStudent')
    throw conflict('case_exists', `Case ${state.caseId} already exists`);
  if (command.type === 'EraseFamilyData') return eraseFamilyData(command, state);
  if (state.status === 'closed' && command.type !== 'ReopenCase') {
    throw conflict('case_closed', `Case ${state.caseId} is closed; reopen it first`);
  }
  const date = businessDateOf(command);
  // ISO `YYYY-MM-DD` strings order like the dates they name.
  if (date !== null && date < state.identifiedOn) {
    throw conflict(
      'date_before_identification',
      `${date} is before the student was identified on ${state.identifiedOn}`,
    );
  }
  const events = decideOnCase(command, state);
  if (state.erased) refuseNewPersonalData(events);
  return events;
}

function decideOnCase(
  command: Exclude<CaseCommand, IdentifyStudent | EraseFamilyData>,
  c: OpenCase,
): CaseEvent[] {
  switch (command.type) {
    case 'AssignVisitors':
      return assignVisitors(command);
    case 'OfferConsent':
      return offerConsent(command, c);
    case 'RecordConsentResponse':
      return respondToConsent(command, c);
    case 'ScheduleVisit':
      return scheduleVisit(command, c);
    case 'RecordVisitHeld':
      return recordVisitHeld(command, c);
    case 'RecordVisitNotHeld':
      return recordVisitNotHeld(command, c);
    case 'RecordFollowUpCall':
      return recordFollowUpCall(command, c);
    case 'ReferResource':
      return referResource(command, c);
    case 'RecordReferralOutcome':
      return recordReferralOutcome(command, c);
    case 'CheckAttendance':
      return checkAttendance(command, c);
    case 'RecordAttendanceCheck':
      return recordAttendanceCheck(command, c);
    case 'VoidEntry':
      return voidEntry(command, c);
    case 'TransferCase':
      return transferCase(command, c);
    case 'CloseCase':
      return closeCase(command);
    case 'ReopenCase':
      return reopenCase(command, c);
    case 'RaiseFollowUp':
      return raiseFollowUp(command, c);
    case 'ClaimFollowUp':
      return claimFollowUp(command, c);
    case 'CompleteFollowUp':
      return completeFollowUp(command, c);
    case 'SnoozeFollowUp':
      return snoozeFollowUp(command, c);
    default:
      return assertNever(command);
  }
}
