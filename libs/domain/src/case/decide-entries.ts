import { attendanceRate } from '../attendance/targeting';
import { isValidAttendance, tierOf } from '../attendance/tier';
import { conflict, notFound } from '../decider';
import type {
  CheckAttendance,
  RecordAttendanceCheck,
  RecordFollowUpCall,
  RecordReferralOutcome,
  ReferResource,
  VoidEntry,
} from './commands';
import { requireConsent } from './decide-consent';
import { findEntry, requireNewEntryId } from './entries';
import type {
  AttendanceChecked,
  EntryVoided,
  FollowUpCallMade,
  ReferralOutcomeRecorded,
  ResourceReferred,
} from './events';
import type { OpenCase } from './state';

export function recordFollowUpCall(command: RecordFollowUpCall, c: OpenCase): FollowUpCallMade[] {
  requireConsent(c);
  requireNewEntryId(c, command.data.callId, 'follow_up_call', 'entry_exists');
  return [{ type: 'FollowUpCallMade.v1', data: { ...command.data, recordedBy: command.actorId } }];
}

export function referResource(command: ReferResource, c: OpenCase): ResourceReferred[] {
  requireConsent(c);
  requireNewEntryId(c, command.data.referralId, 'referral', 'referral_exists');
  return [{ type: 'ResourceReferred.v2', data: { ...command.data, recordedBy: command.actorId } }];
}

/**
 * An outcome names an existing, non-voided referral. It needs no consent: learning what became of a
 * referral made while consent stood is not a new contact. A later outcome replaces an earlier one.
 */
export function recordReferralOutcome(
  command: RecordReferralOutcome,
  c: OpenCase,
): ReferralOutcomeRecorded[] {
  const { referralId } = command.data;
  if (!c.referrals.some((referral) => referral.referralId === referralId && !referral.voided)) {
    throw notFound('referral_not_found', `There is no referral ${referralId}`);
  }
  return [{ type: 'ReferralOutcomeRecorded.v1', data: { ...command.data, recordedBy: command.actorId } }];
}

/** Attendance is school data, checked with or without the family's consent. */
export function checkAttendance(command: CheckAttendance, c: OpenCase): AttendanceChecked[] {
  const { daysEnrolled, daysAbsent } = command.data;
  if (!isValidAttendance(daysEnrolled, daysAbsent)) {
    throw conflict('attendance_invalid', 'Days absent must be whole days within the days enrolled');
  }
  requireNewEntryId(c, command.data.checkId, 'attendance_check', 'entry_exists');
  const tier = tierOf(daysEnrolled, daysAbsent);
  return [{ type: 'AttendanceChecked.v1', data: { ...command.data, tier, recordedBy: command.actorId } }];
}

/**
 * An automatic check of an ended school month. A month is checked again only when its figures or the
 * year to date changed since its last automatic check (voided or not): a corrected month appends a
 * new check, a re-import or a re-run with the same figures appends nothing.
 */
export function recordAttendanceCheck(command: RecordAttendanceCheck, c: OpenCase): AttendanceChecked[] {
  const { checkId, month, asOf, daysEnrolled, daysAbsent, yearToDate } = command.data;
  if (
    !isValidAttendance(daysEnrolled, daysAbsent) ||
    !isValidAttendance(yearToDate.daysEnrolled, yearToDate.daysAbsent)
  ) {
    throw conflict('attendance_invalid', 'Days absent must be whole days within the days enrolled');
  }
  const last = c.attendanceChecks.filter((check) => check.month === month).at(-1);
  if (
    last?.yearToDate &&
    last.daysEnrolled === daysEnrolled &&
    last.daysAbsent === daysAbsent &&
    last.yearToDate.daysEnrolled === yearToDate.daysEnrolled &&
    last.yearToDate.daysAbsent === yearToDate.daysAbsent
  ) {
    return [];
  }
  if (findEntry(c, checkId) !== null) return [];
  return [
    {
      type: 'AttendanceChecked.v1',
      data: {
        checkId,
        asOf,
        daysEnrolled,
        daysAbsent,
        tier: tierOf(daysEnrolled, daysAbsent),
        recordedBy: command.actorId,
        month,
        rate: attendanceRate(daysEnrolled, daysAbsent),
        yearToDate: {
          ...yearToDate,
          rate: attendanceRate(yearToDate.daysEnrolled, yearToDate.daysAbsent),
          tier: tierOf(yearToDate.daysEnrolled, yearToDate.daysAbsent),
        },
      },
    },
  ];
}

/** Mistakes are corrected by voiding, never by rewriting: the entry stays, marked, and stops counting. */
export function voidEntry(command: VoidEntry, c: OpenCase): EntryVoided[] {
  const { entryId, voidedOn, reasonCode, pii } = command.data;
  const entry = findEntry(c, entryId);
  if (entry === null) throw notFound('entry_not_found', `There is no entry ${entryId}`);
  if (entry.voided) throw conflict('entry_already_voided', `Entry ${entryId} is already voided`);
  return [
    {
      type: 'EntryVoided.v2',
      data: { entryId, entryKind: entry.kind, voidedOn, reasonCode, pii, recordedBy: command.actorId },
    },
  ];
}
