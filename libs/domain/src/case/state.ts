import type {
  Barrier,
  CallOutcome,
  ClosureReason,
  ConsentChannel,
  Grade,
  ReferralOutcome,
  ResourceType,
  TargetingApproach,
  Tier,
  VisitLocation,
} from '../vocabulary';
import type { FollowUpResolution, StrengthCode, VisitNotHeldReason } from '../vocabulary-codes';
import type { FollowUpRuleId } from '../follow-ups/rules';
import type {
  AssignedVisitor,
  AttendanceSnapshot,
  YearToDateAttendance,
  IdentifiedStudentPii,
  NotesPii,
  OutcomePii,
  ReasonPii,
  StudentFlags,
  VisitPii,
} from './events';

export type ConsentStatus = 'none' | 'offered' | 'granted' | 'declined' | 'withdrawn';
export type VisitStatus = 'scheduled' | 'held' | 'missed' | 'cancelled';

export interface VisitEntry {
  visitId: string;
  status: VisitStatus;
  /** Effective number among held, non-voided visits in recording order; null unless held and not voided. */
  number: number | null;
  date: string;
  location: VisitLocation;
  visitorIds: string[];
  pair: boolean;
  householdVisitId: string | null;
  barriers: Barrier[];
  strengthCodes: StrengthCode[];
  familyWantsToContinue: boolean | null;
  /** Why a missed or cancelled visit did not take place, coded; null otherwise. */
  reasonCode: VisitNotHeldReason | null;
  /** What the visit recorded in words (held), or why it did not take place (missed, cancelled). */
  pii: VisitPii & ReasonPii;
  recordedBy: string;
  voided: boolean;
}

export interface FollowUpCallEntry {
  callId: string;
  calledOn: string;
  outcome: CallOutcome;
  pii: NotesPii;
  recordedBy: string;
  voided: boolean;
}

export interface ReferralEntry {
  referralId: string;
  referredOn: string;
  resourceType: ResourceType;
  /** The directory partner, when one was chosen. */
  partnerId: string | null;
  pii: NotesPii;
  outcome: ReferralOutcome | null;
  outcomeRecordedOn: string | null;
  recordedBy: string;
  voided: boolean;
}

export interface AttendanceCheckEntry extends AttendanceSnapshot {
  checkId: string;
  tier: Tier;
  recordedBy: string;
  voided: boolean;
  /** Automatic checks only: the school month checked, its rate and the year to date. */
  month?: string;
  rate?: number | null;
  yearToDate?: YearToDateAttendance;
}

/**
 * `resolved`: the action the rule waited for happened (or the case closed) before anyone completed
 * the follow-up. A snoozed follow-up stays `snoozed` after `snoozedUntil` passes (state reads no
 * clock); readers compare `snoozedUntil` with their own now.
 */
export type FollowUpStatus = 'open' | 'snoozed' | 'completed' | 'resolved';

export interface FollowUpEntry {
  followUpId: string;
  rule: FollowUpRuleId;
  reason: string;
  dueAt: string;
  triggerEventId: string;
  entryId: string | null;
  state: FollowUpStatus;
  assignee: string | null;
  snoozedUntil: string | null;
  resolution: FollowUpResolution | null;
  completedOn: string | null;
  /** What was done, in words, once completed. */
  pii: OutcomePii;
}

export interface OpenCase {
  status: 'open' | 'closed';
  caseId: string;
  /** The student's pseudonym; the state student id is in `pii`. */
  student: string;
  districtId: string;
  schoolId: string;
  schoolYear: string;
  grade: Grade;
  identifiedOn: string;
  /** The household's pseudonym (siblings share it); the household id is in `pii`. */
  household: string | null;
  homeLanguage: string | null;
  targetingApproach: TargetingApproach;
  flags: StudentFlags;
  pii: IdentifiedStudentPii;
  baseline: AttendanceSnapshot & { tier: Tier };
  /** The latest non-voided attendance check by `asOf`, or null. */
  latestAttendance: (AttendanceSnapshot & { tier: Tier; checkId: string }) | null;
  /** Tier of the latest attendance figure (the latest check, else the baseline). */
  tier: Tier;
  consent: ConsentStatus;
  consentOfferedOn: string | null;
  consentChannel: ConsentChannel | null;
  assignedVisitors: AssignedVisitor[];
  visits: VisitEntry[];
  followUpCalls: FollowUpCallEntry[];
  referrals: ReferralEntry[];
  attendanceChecks: AttendanceCheckEntry[];
  closure: { closedOn: string; reason: ClosureReason } | null;
  /** Latest business date of any non-voided contact (held visit or follow-up call). */
  lastContactOn: string | null;
  /** Follow-ups raised on the case, in the order they fell due. */
  followUps: FollowUpEntry[];
  /** The family's personal data was erased (`FamilyDataErased`): every `pii` reads `{ erased: true }`. */
  erased: boolean;
}

export type CaseState = { status: 'none' } | OpenCase;
