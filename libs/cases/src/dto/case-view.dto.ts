import type {
  Barrier,
  CallOutcome,
  ClosureReason,
  ConsentStatus,
  FollowUpResolution,
  FollowUpRuleId,
  FollowUpStatus,
  Grade,
  ReferralOutcome,
  ResourceType,
  StrengthCode,
  TargetingApproach,
  Tier,
  VisitLocation,
  VisitNotHeldReason,
  VisitStatus,
} from '@leap/domain';
import { ApiBusinessDate, ApiInstant, ApiInteger } from '@leap/http';

/**
 * A case as `GET /v1/cases/:caseId` (and the history's `state`) answers it: the return type of
 * `toCaseView`, so the documentation cannot drift from the answer. Fields marked "personal data" or
 * "free text" are absent for roles that see none (fidelity monitors); identifiers are then pseudonyms.
 */

/** Personal data: absent for roles that see none; `{ "erased": true }` once the family's data was erased. */
export class StudentPiiView {
  studentName?: string;
  guardianName?: string;
  guardianPhone?: string;
  address?: string;
  /** Present (true) instead of the fields once the family's data was erased. */
  erased?: boolean;
  /** Present (true) instead of the fields when the stored value does not authenticate (altered in the store). */
  unreadable?: boolean;
}

/** Personal data: absent for roles that see none; `{ "erased": true }` once the family's data was erased. */
export class NotesPiiView {
  notes?: string;
  /** Present (true) instead of the notes once the family's data was erased. */
  erased?: boolean;
  /** Present (true) instead of the notes when the stored value does not authenticate (altered in the store). */
  unreadable?: boolean;
}

export class StudentFlagsView {
  englishLearner!: boolean;
  freeReducedLunch!: boolean;
  housingInsecure!: boolean;
  iep!: boolean;
}

export class AttendanceView {
  @ApiBusinessDate() asOf!: string;
  @ApiInteger() daysEnrolled!: number;
  @ApiInteger() daysAbsent!: number;
  tier!: Tier;
}

export class LatestAttendanceView extends AttendanceView {
  checkId!: string;
}

/** The school year up to and including an automatically checked month. */
export class YearToDateView {
  schoolYear!: string;
  /** The last month counted (`YYYY-MM`). */
  through!: string;
  @ApiInteger() daysEnrolled!: number;
  @ApiInteger() daysAbsent!: number;
  /** Percent present, one decimal; null with no enrolled day. */
  rate!: number | null;
  tier!: Tier;
}

/**
 * A check entered by hand has `month`, `rate` and `yearToDate` null; one recorded automatically from
 * imported attendance (actor `system`) names the school month (`YYYY-MM`, `asOf` its last day) and
 * gives its rate and the year to date.
 */
export class AttendanceCheckView extends LatestAttendanceView {
  month!: string | null;
  rate!: number | null;
  yearToDate!: YearToDateView | null;
}

export class ClosureView {
  @ApiBusinessDate() closedOn!: string;
  reason!: ClosureReason;
}

export class CaseVisitView {
  visitId!: string;
  status!: VisitStatus;
  /** Number among held visits; null unless held. */
  @ApiInteger() number!: number | null;
  @ApiBusinessDate() date!: string;
  location!: VisitLocation;
  visitorIds!: string[];
  /** Held by two or more visitors. */
  pair!: boolean;
  householdVisitId!: string | null;
  barriers!: Barrier[];
  /** The family's strengths, coded by the visitor. */
  strengthCodes!: StrengthCode[];
  familyWantsToContinue!: boolean | null;
  /** Why a visit was missed or cancelled, coded; null when no code was chosen. */
  reasonCode!: VisitNotHeldReason | null;
  /** Personal data (the visit's `pii`): absent for roles that see none. */
  strengths?: string[];
  /** Personal data (the visit's `pii`): absent for roles that see none. */
  aspirations?: string[];
  /** Why a visit was missed or cancelled. Personal data (the visit's `pii`): absent for roles that see none. */
  reason?: string | null;
  pii?: NotesPiiView;
}

export class LastVisitView {
  visitId!: string;
  @ApiInteger() number!: number | null;
  @ApiBusinessDate() date!: string;
}

export class FollowUpCallView {
  callId!: string;
  @ApiBusinessDate() calledOn!: string;
  outcome!: CallOutcome;
  pii?: NotesPiiView;
}

export class CaseReferralView {
  referralId!: string;
  @ApiBusinessDate() referredOn!: string;
  resourceType!: ResourceType;
  /** The directory partner, once one was chosen. */
  partnerId!: string | null;
  pii?: NotesPiiView;
  outcome!: ReferralOutcome | null;
  @ApiBusinessDate() outcomeRecordedOn!: string | null;
}

export class CaseFollowUpView {
  followUpId!: string;
  rule!: FollowUpRuleId;
  /** Why it fell due, written by the system from codes and dates. */
  reason!: string;
  @ApiInstant() dueAt!: string;
  /** The event that started the rule's clock. */
  triggerEventId!: string;
  /** The entry (e.g. the referral) the follow-up is about, if any. */
  entryId!: string | null;
  state!: FollowUpStatus;
  /** Login subject of whoever claimed it (a pseudonym for roles that see no personal data). */
  assignee!: string | null;
  @ApiInstant() snoozedUntil!: string | null;
  @ApiBusinessDate() completedOn!: string | null;
  /** What completing it came to, coded; null until completed or when no code was chosen. */
  resolution!: FollowUpResolution | null;
  /** What was done. Personal data (the completion's `pii`): absent for roles that see none. */
  outcome?: string | null;
}

export class CaseView {
  caseId!: string;
  /**
   * The state student id (its pseudonym, `stu_…`, for roles that see no personal data, or when the
   * case's personal data cannot be read).
   */
  studentId!: string;
  districtId!: string;
  schoolId!: string;
  /** July to June, e.g. `2026-27`. */
  schoolYear!: string;
  grade!: Grade;
  @ApiBusinessDate() identifiedOn!: string;
  /** Shared by siblings (its pseudonym, `hh_…`, for roles that see no personal data). */
  householdId!: string | null;
  homeLanguage!: string | null;
  targetingApproach!: TargetingApproach;
  flags!: StudentFlagsView;
  status!: 'open' | 'closed';
  closure!: ClosureView | null;
  consent!: ConsentStatus;
  @ApiBusinessDate() consentOfferedOn!: string | null;
  assignedVisitorIds!: string[];
  /** Visits not voided, in recording order. */
  visits!: CaseVisitView[];
  /** Held visits. */
  @ApiInteger() visitCount!: number;
  lastVisit!: LastVisitView | null;
  followUpCalls!: FollowUpCallView[];
  referrals!: CaseReferralView[];
  /** The attendance that led to the identification. */
  baseline!: AttendanceView;
  latestAttendance!: LatestAttendanceView | null;
  /** Tier of the latest attendance figure (the latest check, else the baseline). */
  tier!: Tier;
  attendanceChecks!: AttendanceCheckView[];
  /** Latest business date of a held visit or follow-up call. */
  @ApiBusinessDate() lastContactOn!: string | null;
  followUps!: CaseFollowUpView[];
  pii?: StudentPiiView;
  /** The family's personal data was erased (`POST /v1/cases/:caseId/erasure`): every `pii` reads `{ "erased": true }`. */
  erased!: boolean;
  /** The case stream's revision: send it as `If-Match` (the `ETag` header carries it too). */
  @ApiInteger() revision!: number;
}
