import type {
  Barrier,
  CallOutcome,
  ClosureReason,
  ConsentChannel,
  ConsentDecision,
  ErasureReason,
  ReferralOutcome,
  ResourceType,
  VisitLocation,
  VisitNotHeldStatus,
} from '../vocabulary';
import type {
  ConsentRefusalReason,
  FollowUpResolution,
  ReopenReason,
  StrengthCode,
  VisitNotHeldReason,
  VoidReason,
} from '../vocabulary-codes';
import type {
  AssignedVisitor,
  FollowUpDue,
  YearToDateAttendance,
  NotesPii,
  OutcomePii,
  ReasonPii,
  StudentIdentified,
  VisitPii,
} from './events';

/**
 * Commands on a case. Ids of new entries (visit, call, referral, check), the acting user and every
 * date arrive on the command: the decider reads no clock and makes no ids.
 */
type Command<Type extends string, Data> = { type: Type; data: Data; actorId: string };

export type IdentifyStudent = Command<
  'IdentifyStudent',
  Omit<StudentIdentified['data'], 'baseline'> & {
    baseline: { asOf: string; daysEnrolled: number; daysAbsent: number };
  }
>;
export type AssignVisitors = Command<'AssignVisitors', { assignedOn: string; visitors: AssignedVisitor[] }>;
export type OfferConsent = Command<'OfferConsent', { offeredOn: string; channel: ConsentChannel }>;
export type RecordConsentResponse = Command<
  'RecordConsentResponse',
  {
    respondedOn: string;
    decision: ConsentDecision;
    /** Only for a refusal (declined, withdrawn); ignored when consent is granted. */
    reasonCode: ConsentRefusalReason | null;
    pii: ReasonPii;
  }
>;
export type ScheduleVisit = Command<
  'ScheduleVisit',
  {
    visitId: string;
    date: string;
    location: VisitLocation;
    visitorIds: string[];
    householdVisitId: string | null;
  }
>;
/**
 * Records a held visit. `visitId` names a scheduled visit it resolves, or is a new id for a visit
 * that was not scheduled. `visitNumber`, when given, must be the next number.
 */
export type RecordVisitHeld = Command<
  'RecordVisitHeld',
  {
    visitId: string;
    /** True when the caller is resolving a visit it scheduled: then `visitId` must name one. */
    resolvesScheduledVisit: boolean;
    visitNumber: number | null;
    date: string;
    location: VisitLocation;
    visitorIds: string[];
    householdVisitId: string | null;
    barriers: Barrier[];
    strengthCodes: StrengthCode[];
    familyWantsToContinue: boolean | null;
    pii: VisitPii;
  }
>;
/** Resolves a scheduled visit that did not take place. */
export type RecordVisitNotHeld = Command<
  'RecordVisitNotHeld',
  {
    visitId: string;
    status: VisitNotHeldStatus;
    date: string;
    reasonCode: VisitNotHeldReason | null;
    pii: ReasonPii;
  }
>;
export type RecordFollowUpCall = Command<
  'RecordFollowUpCall',
  {
    callId: string;
    calledOn: string;
    outcome: CallOutcome;
    pii: NotesPii;
  }
>;
export type ReferResource = Command<
  'ReferResource',
  {
    referralId: string;
    referredOn: string;
    resourceType: ResourceType;
    /** A partner of the case's district offering `resourceType` (checked against the directory), or null. */
    partnerId: string | null;
    pii: NotesPii;
  }
>;
export type RecordReferralOutcome = Command<
  'RecordReferralOutcome',
  {
    referralId: string;
    recordedOn: string;
    outcome: ReferralOutcome;
  }
>;
export type CheckAttendance = Command<
  'CheckAttendance',
  {
    checkId: string;
    asOf: string;
    daysEnrolled: number;
    daysAbsent: number;
  }
>;
/**
 * Sent only by the attendance-check worker (actor `system`) for an ended school month whose
 * attendance was imported: the month's figures and the year to date, from the attendance stream.
 */
export type RecordAttendanceCheck = Command<
  'RecordAttendanceCheck',
  {
    checkId: string;
    /** `YYYY-MM`. */
    month: string;
    /** The month's last day. */
    asOf: string;
    daysEnrolled: number;
    daysAbsent: number;
    yearToDate: Omit<YearToDateAttendance, 'rate' | 'tier'>;
  }
>;
export type VoidEntry = Command<
  'VoidEntry',
  { entryId: string; voidedOn: string; reasonCode: VoidReason | null; pii: ReasonPii }
>;
export type TransferCase = Command<'TransferCase', { toSchoolId: string; transferredOn: string }>;
export type CloseCase = Command<'CloseCase', { closedOn: string; reason: ClosureReason }>;
export type ReopenCase = Command<
  'ReopenCase',
  { reopenedOn: string; reasonCode: ReopenReason | null; pii: ReasonPii }
>;

/**
 * Sent only by the follow-up worker (actor `system`) once a rule's timer ran out and the rule still
 * applies; the worker derives `followUpId` from (case, rule, trigger), so the decider stays pure.
 */
export type RaiseFollowUp = Command<'RaiseFollowUp', FollowUpDue['data']>;
export type ClaimFollowUp = Command<'ClaimFollowUp', { followUpId: string }>;
export type CompleteFollowUp = Command<
  'CompleteFollowUp',
  { followUpId: string; resolution: FollowUpResolution | null; completedOn: string; pii: OutcomePii }
>;
export type SnoozeFollowUp = Command<
  'SnoozeFollowUp',
  {
    followUpId: string;
    /** ISO-8601 instant. */
    until: string;
    /** When the request was made (ISO-8601): `until` must be later. */
    requestedAt: string;
  }
>;

/** Erases the family's personal data on the case (after its data key was destroyed). */
export type EraseFamilyData = Command<'EraseFamilyData', { erasedOn: string; reasonCode: ErasureReason }>;

export type CaseCommand =
  | IdentifyStudent
  | AssignVisitors
  | OfferConsent
  | RecordConsentResponse
  | ScheduleVisit
  | RecordVisitHeld
  | RecordVisitNotHeld
  | RecordFollowUpCall
  | ReferResource
  | RecordReferralOutcome
  | CheckAttendance
  | RecordAttendanceCheck
  | VoidEntry
  | TransferCase
  | CloseCase
  | ReopenCase
  | RaiseFollowUp
  | ClaimFollowUp
  | CompleteFollowUp
  | SnoozeFollowUp
  | EraseFamilyData;
