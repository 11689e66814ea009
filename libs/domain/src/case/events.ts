import type {
  Barrier,
  CallOutcome,
  ClosureReason,
  ConsentChannel,
  ErasureReason,
  Grade,
  ReferralOutcome,
  ResourceType,
  TargetingApproach,
  Tier,
  VisitLocation,
} from '../vocabulary';
import type {
  ConsentRefusalReason,
  FollowUpResolution,
  ReopenReason,
  StrengthCode,
  VisitNotHeldReason,
  VoidReason,
} from '../vocabulary-codes';
import type { FollowUpRuleId } from '../follow-ups/rules';
import type { FreeTextCaseEventV1 } from './events-v1';

/**
 * The case journey: one student's LEAP case, stream `case-<caseId>`.
 * Stored type names are explicit and versioned; a breaking change gets a new version and an upcaster.
 * Dates (`...On`, `date`, `asOf`) are business dates `YYYY-MM-DD`; recorded time lives in metadata.
 * Personally identifying fields are kept together in `pii` objects so they can be encrypted or erased
 * per household without touching every event type.
 */
export interface AttendanceSnapshot {
  asOf: string;
  daysEnrolled: number;
  daysAbsent: number;
}

export interface StudentFlags {
  englishLearner: boolean;
  freeReducedLunch: boolean;
  housingInsecure: boolean;
  iep: boolean;
}

/**
 * Set only by erasure, never by a command: a `pii` object whose family's data was erased reads
 * `{ "erased": true }` (the state drops what it held; sealed values no longer open).
 */
export interface ErasedMark {
  erased?: true;
}

export interface StudentPii extends ErasedMark {
  studentName?: string;
  guardianName?: string;
  guardianPhone?: string;
  address?: string;
}

export interface NotesPii extends ErasedMark {
  notes?: string;
}

/**
 * Why something happened, in the words of whoever recorded it. Optional even where the API requires
 * a reason: erasing a family's data empties its `pii` objects, and readers must still fold the event.
 */
export interface ReasonPii {
  reason?: string;
}

/** What a visit recorded in the family's and the visitor's own words. */
export interface VisitPii extends NotesPii {
  strengths?: string[];
  aspirations?: string[];
}

/** What was done about a follow-up, in the team member's words. */
export interface OutcomePii {
  outcome?: string;
}

export interface AssignedVisitor {
  visitorId: string;
  /** The `sub` of the visitor's login, when linked; it is how a home visitor's token finds its cases. */
  subject: string | null;
}

/** Kinds of entries that can be voided when recorded in error. */
export type EntryKind = 'visit' | 'follow_up_call' | 'referral' | 'attendance_check';

type Event<Type extends string, Data> = { type: Type; data: Data };

/**
 * Personal data of an identification: besides names, phone and address, the state student id and
 * the district's household id, which are direct identifiers (FERPA). Clear fields carry their
 * keyed pseudonyms instead (`student`, `household`).
 */
export interface IdentifiedStudentPii extends StudentPii {
  /** The state-assigned student id. */
  studentId: string;
  /** The household id the district gave, when it gave one. */
  householdId?: string;
}

/**
 * The case opens. `student` and `household` are the install's keyed pseudonyms of the state student
 * id and of the household id (`stu_…`, `hh_…`): they link records (siblings share `household`)
 * without identifying anyone; the real ids are in `pii`.
 */
export type StudentIdentified = Event<
  'StudentIdentified.v2',
  {
    caseId: string;
    /** The student's pseudonym. */
    student: string;
    districtId: string;
    schoolId: string;
    schoolYear: string;
    grade: Grade;
    identifiedOn: string;
    baseline: AttendanceSnapshot & { tier: Tier };
    flags: StudentFlags;
    homeLanguage: string | null;
    /** The household's pseudonym, shared by siblings; null when no household id was given. */
    household: string | null;
    targetingApproach: TargetingApproach;
    pii: IdentifiedStudentPii;
  }
>;

/**
 * Written by earlier versions: the state student id and the household id in clear. Making their
 * pseudonyms takes the install's pseudonym key, which the pure domain does not hold, so this version
 * is read as `StudentIdentified.v2` at the store boundary (`upcastStudentIdentifiedV1`, applied by
 * the upcasting event store of `libs/privacy`): no reader of the domain ever sees it.
 */
export type StudentIdentifiedV1 = Event<
  'StudentIdentified.v1',
  {
    caseId: string;
    studentId: string;
    districtId: string;
    schoolId: string;
    schoolYear: string;
    grade: Grade;
    identifiedOn: string;
    baseline: AttendanceSnapshot & { tier: Tier };
    flags: StudentFlags;
    homeLanguage: string | null;
    householdId: string | null;
    targetingApproach: TargetingApproach;
    pii: StudentPii;
  }
>;

export type VisitorsAssigned = Event<
  'VisitorsAssigned.v1',
  { assignedOn: string; visitors: AssignedVisitor[] }
>;
export type ConsentOffered = Event<'ConsentOffered.v1', { offeredOn: string; channel: ConsentChannel }>;
export type ConsentGranted = Event<'ConsentGranted.v1', { respondedOn: string }>;
/** A family's refusal: the coded reason counts for metrics, the words stay in `pii`. */
type ConsentRefusal = { respondedOn: string; reasonCode: ConsentRefusalReason | null; pii: ReasonPii };
export type ConsentDeclined = Event<'ConsentDeclined.v2', ConsentRefusal>;
export type ConsentWithdrawn = Event<'ConsentWithdrawn.v2', ConsentRefusal>;

export type VisitScheduled = Event<
  'VisitScheduled.v1',
  {
    visitId: string;
    date: string;
    location: VisitLocation;
    visitorIds: string[];
    householdVisitId: string | null;
    recordedBy: string;
  }
>;

export type VisitHeld = Event<
  'VisitHeld.v2',
  {
    visitId: string;
    /** The visit's number when it was recorded (voided visits take no number). */
    visitNumber: number;
    date: string;
    location: VisitLocation;
    visitorIds: string[];
    /** Whether at least two visitors attended: LEAP visits are designed for pairs. */
    pair: boolean;
    /** Shared by the sibling cases of one household visit, so metrics count it once. */
    householdVisitId: string | null;
    barriers: Barrier[];
    /** The coded view of the strengths the visitor wrote down (in `pii.strengths`). */
    strengthCodes: StrengthCode[];
    familyWantsToContinue: boolean | null;
    pii: VisitPii;
    recordedBy: string;
  }
>;

type VisitNotHeld = {
  visitId: string;
  date: string;
  reasonCode: VisitNotHeldReason | null;
  pii: ReasonPii;
  recordedBy: string;
};
export type VisitMissed = Event<'VisitMissed.v2', VisitNotHeld>;
export type VisitCancelled = Event<'VisitCancelled.v2', VisitNotHeld>;

export type FollowUpCallMade = Event<
  'FollowUpCallMade.v1',
  {
    callId: string;
    calledOn: string;
    outcome: CallOutcome;
    pii: NotesPii;
    recordedBy: string;
  }
>;

/**
 * A family referred to a community resource: a type of resource, and the partner from the district's
 * directory when one was chosen (a family may be referred to a resource type before a partner is).
 * Anything written about the referral is personal: it goes into `pii.notes`.
 */
export type ResourceReferred = Event<
  'ResourceReferred.v2',
  {
    referralId: string;
    referredOn: string;
    resourceType: ResourceType;
    partnerId: string | null;
    pii: NotesPii;
    recordedBy: string;
  }
>;

/**
 * Written before the partner directory: `partner` was free text, and what people wrote there named
 * people ("Dr. Smith at Hartford Behavioral Health for Mr. Park"). No longer written; read as
 * `ResourceReferred.v2` (see `upcast.ts`).
 */
export type ResourceReferredV1 = Event<
  'ResourceReferred.v1',
  {
    referralId: string;
    referredOn: string;
    resourceType: ResourceType;
    partner: string | null;
    recordedBy: string;
  }
>;

export type ReferralOutcomeRecorded = Event<
  'ReferralOutcomeRecorded.v1',
  {
    referralId: string;
    recordedOn: string;
    outcome: ReferralOutcome;
    recordedBy: string;
  }
>;

/**
 * The school year up to and including a checked month, summed over every school the student
 * attended (the imported attendance stream `attendance-<student>-<schoolYear>`).
 */
export interface YearToDateAttendance {
  schoolYear: string;
  /** The last month counted (`YYYY-MM`): the checked month. */
  through: string;
  daysEnrolled: number;
  daysAbsent: number;
  /** Percent present, one decimal; null with no enrolled day. */
  rate: number | null;
  tier: Tier;
}

/**
 * An attendance check. Entered by hand (`POST /v1/cases/:id/attendance-checks`) it carries the
 * snapshot only; recorded automatically from imported attendance (actor `system`) it also names the
 * school `month` it checks (`asOf` is the month's last day, the figures and `tier` are the month's),
 * its `rate` and the `yearToDate`. Those three fields were added later: events without them still
 * fold, and read as a hand-entered check.
 */
export type AttendanceChecked = Event<
  'AttendanceChecked.v1',
  AttendanceSnapshot & {
    checkId: string;
    tier: Tier;
    recordedBy: string;
    month?: string;
    rate?: number | null;
    yearToDate?: YearToDateAttendance;
  }
>;

export type EntryVoided = Event<
  'EntryVoided.v2',
  {
    entryId: string;
    entryKind: EntryKind;
    voidedOn: string;
    reasonCode: VoidReason | null;
    /** The reason is required when voiding: it is in `pii.reason`. */
    pii: ReasonPii;
    recordedBy: string;
  }
>;

export type CaseTransferred = Event<
  'CaseTransferred.v1',
  { fromSchoolId: string; toSchoolId: string; transferredOn: string }
>;
export type CaseClosed = Event<'CaseClosed.v1', { closedOn: string; reason: ClosureReason }>;
/** The reason is required when reopening: it is in `pii.reason`. */
export type CaseReopened = Event<
  'CaseReopened.v2',
  { reopenedOn: string; reasonCode: ReopenReason | null; pii: ReasonPii }
>;

/**
 * A follow-up rule's timer ran out and the rule still applied. Raised by the system (actor `system`)
 * at most once per rule and triggering event: `followUpId` is derived from (case, rule, trigger).
 */
export type FollowUpDue = Event<
  'FollowUpDue.v1',
  {
    followUpId: string;
    rule: FollowUpRuleId;
    reason: string;
    /** ISO-8601 instant the follow-up fell due. */
    dueAt: string;
    /** The event that started the rule's clock. */
    triggerEventId: string;
    /** The entry the follow-up is about (the referral, the visit), when there is one. */
    entryId: string | null;
  }
>;
export type FollowUpClaimed = Event<'FollowUpClaimed.v1', { followUpId: string; claimedBy: string }>;
export type FollowUpCompleted = Event<
  'FollowUpCompleted.v2',
  {
    followUpId: string;
    resolution: FollowUpResolution | null;
    completedOn: string;
    completedBy: string;
    /** What was done is required when completing: it is in `pii.outcome`. */
    pii: OutcomePii;
  }
>;
/** Set aside until an instant (ISO-8601); the worklist shows it again from then. */
export type FollowUpSnoozed = Event<'FollowUpSnoozed.v1', { followUpId: string; until: string }>;

/**
 * The family's personal data on this case was erased: its data key was destroyed (every sealed `pii`
 * of the stream no longer opens) and every read model dropped what it held of it. Who erased it is in
 * the metadata (actor `system` for retention); the data holds only a business date and a code, never
 * personal data or free text. Appended once per case: erasing again appends nothing.
 */
export type FamilyDataErased = Event<'FamilyDataErased.v1', { erasedOn: string; reasonCode: ErasureReason }>;

export type CaseEvent =
  | StudentIdentified
  | VisitorsAssigned
  | ConsentOffered
  | ConsentGranted
  | ConsentDeclined
  | ConsentWithdrawn
  | VisitScheduled
  | VisitHeld
  | VisitMissed
  | VisitCancelled
  | FollowUpCallMade
  | ResourceReferred
  | ReferralOutcomeRecorded
  | AttendanceChecked
  | EntryVoided
  | CaseTransferred
  | CaseClosed
  | CaseReopened
  | FollowUpDue
  | FollowUpClaimed
  | FollowUpCompleted
  | FollowUpSnoozed
  | FamilyDataErased;

export type CaseEventType = CaseEvent['type'];

/** Case event types the system no longer writes but the store still holds. */
export type LegacyCaseEvent = ResourceReferredV1 | FreeTextCaseEventV1;
/** Every case event a stream may hold: what decide writes today, and what earlier versions wrote. */
export type StoredCaseEvent = CaseEvent | LegacyCaseEvent;
export type StoredCaseEventType = StoredCaseEvent['type'];
/**
 * Stored case event types whose upcast needs the install's pseudonym key: the store boundary reads
 * them as current events (see `keyed-upcasts.ts`), so they never reach `evolve` or any reader.
 */
export type KeyedLegacyCaseEvent = StudentIdentifiedV1;
/** Every case event type the store holds, as it holds them. */
export type RawStoredCaseEvent = StoredCaseEvent | KeyedLegacyCaseEvent;
