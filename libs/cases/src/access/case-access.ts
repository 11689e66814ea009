import { ForbiddenError, coversScope, type Principal, type Role } from '@leap/auth';
import { notFound, type CaseCommand, type CaseState, type OpenCase } from '@leap/domain';

/**
 * Who may see and change a case. Out of scope (another district, a school outside the token's
 * schools, a case a home visitor is not assigned to) is answered exactly like a missing case, so a
 * case's existence never leaks; in scope but not allowed for the role is 403.
 */
type CaseCommandType = CaseCommand['type'];

const HOME_VISITOR_COMMANDS: readonly CaseCommandType[] = [
  'OfferConsent',
  'RecordConsentResponse',
  'ScheduleVisit',
  'RecordVisitHeld',
  'RecordVisitNotHeld',
  'RecordFollowUpCall',
  'ReferResource',
  'RecordReferralOutcome',
  'VoidEntry',
  'ClaimFollowUp',
  'CompleteFollowUp',
  'SnoozeFollowUp',
];

/** Sent only by the follow-up worker as the `system` actor, through the command pipeline; never over HTTP. */
const SYSTEM_COMMANDS: readonly CaseCommandType[] = ['RaiseFollowUp', 'RecordAttendanceCheck'];

/** Erasing a family's data is for the district's coordinators and admins only. */
const ERASURE_COMMANDS: readonly CaseCommandType[] = ['EraseFamilyData'];

export function mayReadCases(role: Role): boolean {
  return role !== 'state_analyst';
}

export function maySendCaseCommand(role: Role, command: CaseCommandType): boolean {
  if (SYSTEM_COMMANDS.includes(command)) return false;
  switch (role) {
    case 'admin':
    case 'coordinator':
      return true;
    case 'attendance_team':
      return command !== 'AssignVisitors' && !ERASURE_COMMANDS.includes(command);
    case 'home_visitor':
      return HOME_VISITOR_COMMANDS.includes(command);
    case 'fidelity_monitor':
    case 'state_analyst':
      return false;
  }
}

export function requireCommandRole(principal: Principal, command: CaseCommandType): void {
  if (!maySendCaseCommand(principal.role, command)) {
    throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not ${command}`);
  }
}

export function requireReadRole(principal: Principal): void {
  if (!mayReadCases(principal.role)) {
    throw new ForbiddenError('role_not_allowed', `Role ${principal.role} reads aggregates only`);
  }
}

export function isCaseVisibleTo(principal: Principal, state: OpenCase): boolean {
  if (!coversScope(principal, state.districtId, state.schoolId)) return false;
  if (principal.role === 'home_visitor')
    return state.assignedVisitors.some((visitor) => visitor.subject === principal.sub);
  return true;
}

/** Narrows to an existing case the principal may see, or answers 404 `case_not_found`. */
export function requireVisibleCase(principal: Principal, caseId: string, state: CaseState): OpenCase {
  if (state.status === 'none' || !isCaseVisibleTo(principal, state)) {
    throw notFound('case_not_found', `Case ${caseId} not found`);
  }
  return state;
}

/** A home visitor may void only entries they recorded themselves. */
export function requireEntryOwnership(principal: Principal, command: CaseCommand, state: OpenCase): void {
  if (principal.role !== 'home_visitor' || command.type !== 'VoidEntry') return;
  const entries = [...state.visits, ...state.followUpCalls, ...state.referrals, ...state.attendanceChecks];
  const entry = entries.find((e) => entryId(e) === command.data.entryId);
  if (entry && entry.recordedBy !== principal.sub) {
    throw new ForbiddenError('not_entry_author', 'Home visitors may void only entries they recorded');
  }
}

function entryId(
  entry:
    | OpenCase['visits'][number]
    | OpenCase['followUpCalls'][number]
    | OpenCase['referrals'][number]
    | OpenCase['attendanceChecks'][number],
): string {
  if ('visitId' in entry) return entry.visitId;
  if ('callId' in entry) return entry.callId;
  if ('referralId' in entry) return entry.referralId;
  return entry.checkId;
}
