import { fold } from '../decider';
import type { Pseudonymize } from '../privacy/field-classes';
import { caseDecider } from './case.decider';
import type { CaseCommand } from './commands';
import type {
  CaseEvent,
  FollowUpDue,
  ResourceReferredV1,
  StudentIdentified,
  StudentIdentifiedV1,
} from './events';
import type { FreeTextCaseEventV1 } from './events-v1';
import type { OpenCase } from './state';

/**
 * Test data for case specs: one student identified on 2024-10-01 with a chronic baseline, and
 * builders for each command and for the events decide records for them. Builders take partial data,
 * so a spec states only what it is about.
 */
export const IDENTIFIED_ON = '2024-10-01';
export const ACTOR = 'user-coordinator';
export const VISITOR = 'user-visitor';
export const TEAM_MEMBER = 'user-team';
export const SYSTEM = 'system';

type DataOf<T extends { type: string; data: unknown }, Type extends T['type']> = Extract<
  T,
  { type: Type }
>['data'];
type Cmd<Type extends CaseCommand['type']> = Extract<CaseCommand, { type: Type }>;
type Evt<Type extends CaseEvent['type']> = Extract<CaseEvent, { type: Type }>;

const cmd =
  <Type extends CaseCommand['type']>(type: Type, defaults: DataOf<CaseCommand, Type>, actorId = ACTOR) =>
  (data: Partial<DataOf<CaseCommand, Type>> = {}): Cmd<Type> =>
    ({ type, data: { ...defaults, ...data }, actorId }) as unknown as Cmd<Type>;

const evt =
  <Type extends CaseEvent['type']>(type: Type, defaults: DataOf<CaseEvent, Type>) =>
  (data: Partial<DataOf<CaseEvent, Type>> = {}): Evt<Type> =>
    ({ type, data: { ...defaults, ...data } }) as unknown as Evt<Type>;

/** Stands in for the install's keyed pseudonyms in domain specs (which hold no key): the id in hex. */
export const fakePseudonymize: Pseudonymize = (kind, id) =>
  `${{ student: 'stu', household: 'hh', subject: 'usr' }[kind]}_${[...id].map((c) => c.charCodeAt(0).toString(16)).join('')}`;

const identification: Omit<StudentIdentified['data'], 'baseline'> = {
  caseId: 'case-1',
  student: fakePseudonymize('student', 'student-1'),
  districtId: 'district-1',
  schoolId: 'school-1',
  schoolYear: '2024-25',
  grade: '7',
  identifiedOn: IDENTIFIED_ON,
  flags: { englishLearner: false, freeReducedLunch: true, housingInsecure: false, iep: false },
  homeLanguage: 'es',
  household: fakePseudonymize('household', 'household-1'),
  targetingApproach: 'school_subset',
  pii: { studentId: 'student-1', householdId: 'household-1', studentName: 'Ana', guardianName: 'Rosa' },
};

/** An `offer_consent` follow-up raised five days after identification. */
const followUp: FollowUpDue['data'] = {
  followUpId: 'follow-up-1',
  rule: 'offer_consent',
  reason: 'Identified on 2024-10-01; no consent offer within P5D',
  dueAt: '2024-10-06T04:00:00.000Z',
  triggerEventId: 'event-identified',
  entryId: null,
};

export const command = {
  identifyStudent: cmd('IdentifyStudent', {
    ...identification,
    baseline: { asOf: '2024-09-30', daysEnrolled: 20, daysAbsent: 3 },
  }),
  assignVisitors: cmd('AssignVisitors', {
    assignedOn: '2024-10-02',
    visitors: [
      { visitorId: 'visitor-a', subject: 'sub-a' },
      { visitorId: 'visitor-b', subject: null },
    ],
  }),
  offerConsent: cmd('OfferConsent', { offeredOn: '2024-10-03', channel: 'phone' }),
  respondToConsent: cmd('RecordConsentResponse', {
    respondedOn: '2024-10-04',
    decision: 'granted',
    reasonCode: null,
    pii: {},
  }),
  scheduleVisit: cmd(
    'ScheduleVisit',
    {
      visitId: 'visit-1',
      date: '2024-10-10',
      location: 'home',
      visitorIds: ['visitor-a', 'visitor-b'],
      householdVisitId: null,
    },
    VISITOR,
  ),
  recordVisitHeld: cmd(
    'RecordVisitHeld',
    {
      visitId: 'visit-1',
      resolvesScheduledVisit: false,
      visitNumber: null,
      date: '2024-10-10',
      location: 'home',
      visitorIds: ['visitor-a', 'visitor-b'],
      householdVisitId: null,
      barriers: ['transportation'],
      strengthCodes: ['family_engagement'],
      familyWantsToContinue: true,
      pii: { notes: 'met at kitchen table', strengths: ['engaged grandmother'], aspirations: ['nurse'] },
    },
    VISITOR,
  ),
  recordVisitNotHeld: cmd(
    'RecordVisitNotHeld',
    { visitId: 'visit-1', status: 'missed', date: '2024-10-10', reasonCode: null, pii: {} },
    VISITOR,
  ),
  recordFollowUpCall: cmd(
    'RecordFollowUpCall',
    { callId: 'call-1', calledOn: '2024-10-12', outcome: 'reached', pii: {} },
    VISITOR,
  ),
  referResource: cmd(
    'ReferResource',
    {
      referralId: 'referral-1',
      referredOn: '2024-10-10',
      resourceType: 'transportation',
      partnerId: 'partner-bus',
      pii: { notes: 'bus pass for the winter' },
    },
    VISITOR,
  ),
  recordReferralOutcome: cmd(
    'RecordReferralOutcome',
    { referralId: 'referral-1', recordedOn: '2024-10-20', outcome: 'connected' },
    VISITOR,
  ),
  checkAttendance: cmd('CheckAttendance', {
    checkId: 'check-1',
    asOf: '2024-10-31',
    daysEnrolled: 40,
    daysAbsent: 4,
  }),
  recordAttendanceCheck: cmd(
    'RecordAttendanceCheck',
    {
      checkId: 'auto-check-1',
      month: '2024-10',
      asOf: '2024-10-31',
      daysEnrolled: 20,
      daysAbsent: 3,
      yearToDate: { schoolYear: '2024-25', through: '2024-10', daysEnrolled: 40, daysAbsent: 5 },
    },
    SYSTEM,
  ),
  voidEntry: cmd('VoidEntry', {
    entryId: 'visit-1',
    voidedOn: '2024-10-15',
    reasonCode: 'wrong_case',
    pii: { reason: 'logged on the wrong case' },
  }),
  transferCase: cmd('TransferCase', { toSchoolId: 'school-2', transferredOn: '2024-11-01' }),
  closeCase: cmd('CloseCase', { closedOn: '2024-12-01', reason: 'attendance_improved' }),
  reopenCase: cmd('ReopenCase', {
    reopenedOn: '2024-12-15',
    reasonCode: 'absences_resumed',
    pii: { reason: 'absences resumed' },
  }),
  raiseFollowUp: cmd('RaiseFollowUp', { ...followUp }, SYSTEM),
  claimFollowUp: cmd('ClaimFollowUp', { followUpId: followUp.followUpId }, TEAM_MEMBER),
  completeFollowUp: cmd(
    'CompleteFollowUp',
    {
      followUpId: followUp.followUpId,
      resolution: 'family_contacted',
      completedOn: '2024-10-09',
      pii: { outcome: 'called the family' },
    },
    TEAM_MEMBER,
  ),
  snoozeFollowUp: cmd(
    'SnoozeFollowUp',
    {
      followUpId: followUp.followUpId,
      until: '2024-10-12T13:00:00.000Z',
      requestedAt: '2024-10-08T13:00:00.000Z',
    },
    TEAM_MEMBER,
  ),
  eraseFamilyData: cmd('EraseFamilyData', { erasedOn: '2024-12-10', reasonCode: 'family_request' }),
};

export const event = {
  studentIdentified: evt('StudentIdentified.v2', {
    ...identification,
    baseline: { asOf: '2024-09-30', daysEnrolled: 20, daysAbsent: 3, tier: 'chronic' },
  }),
  visitorsAssigned: evt('VisitorsAssigned.v1', {
    assignedOn: '2024-10-02',
    visitors: [
      { visitorId: 'visitor-a', subject: 'sub-a' },
      { visitorId: 'visitor-b', subject: null },
    ],
  }),
  consentOffered: evt('ConsentOffered.v1', { offeredOn: '2024-10-03', channel: 'phone' }),
  consentGranted: evt('ConsentGranted.v1', { respondedOn: '2024-10-04' }),
  consentDeclined: evt('ConsentDeclined.v2', { respondedOn: '2024-10-04', reasonCode: null, pii: {} }),
  consentWithdrawn: evt('ConsentWithdrawn.v2', { respondedOn: '2024-10-20', reasonCode: null, pii: {} }),
  visitScheduled: evt('VisitScheduled.v1', {
    visitId: 'visit-1',
    date: '2024-10-10',
    location: 'home',
    visitorIds: ['visitor-a', 'visitor-b'],
    householdVisitId: null,
    recordedBy: VISITOR,
  }),
  visitHeld: evt('VisitHeld.v2', {
    visitId: 'visit-1',
    visitNumber: 1,
    date: '2024-10-10',
    location: 'home',
    visitorIds: ['visitor-a', 'visitor-b'],
    pair: true,
    householdVisitId: null,
    barriers: ['transportation'],
    strengthCodes: ['family_engagement'],
    familyWantsToContinue: true,
    pii: { notes: 'met at kitchen table', strengths: ['engaged grandmother'], aspirations: ['nurse'] },
    recordedBy: VISITOR,
  }),
  visitMissed: evt('VisitMissed.v2', {
    visitId: 'visit-1',
    date: '2024-10-10',
    reasonCode: null,
    pii: {},
    recordedBy: VISITOR,
  }),
  visitCancelled: evt('VisitCancelled.v2', {
    visitId: 'visit-1',
    date: '2024-10-10',
    reasonCode: null,
    pii: {},
    recordedBy: VISITOR,
  }),
  followUpCallMade: evt('FollowUpCallMade.v1', {
    callId: 'call-1',
    calledOn: '2024-10-12',
    outcome: 'reached',
    pii: {},
    recordedBy: VISITOR,
  }),
  resourceReferred: evt('ResourceReferred.v2', {
    referralId: 'referral-1',
    referredOn: '2024-10-10',
    resourceType: 'transportation',
    partnerId: 'partner-bus',
    pii: { notes: 'bus pass for the winter' },
    recordedBy: VISITOR,
  }),
  referralOutcomeRecorded: evt('ReferralOutcomeRecorded.v1', {
    referralId: 'referral-1',
    recordedOn: '2024-10-20',
    outcome: 'connected',
    recordedBy: VISITOR,
  }),
  attendanceChecked: evt('AttendanceChecked.v1', {
    checkId: 'check-1',
    asOf: '2024-10-31',
    daysEnrolled: 40,
    daysAbsent: 4,
    tier: 'chronic',
    recordedBy: ACTOR,
  }),
  entryVoided: evt('EntryVoided.v2', {
    entryId: 'visit-1',
    entryKind: 'visit',
    voidedOn: '2024-10-15',
    reasonCode: 'wrong_case',
    pii: { reason: 'logged on the wrong case' },
    recordedBy: ACTOR,
  }),
  caseTransferred: evt('CaseTransferred.v1', {
    fromSchoolId: 'school-1',
    toSchoolId: 'school-2',
    transferredOn: '2024-11-01',
  }),
  caseClosed: evt('CaseClosed.v1', { closedOn: '2024-12-01', reason: 'attendance_improved' }),
  caseReopened: evt('CaseReopened.v2', {
    reopenedOn: '2024-12-15',
    reasonCode: 'absences_resumed',
    pii: { reason: 'absences resumed' },
  }),
  followUpDue: evt('FollowUpDue.v1', { ...followUp }),
  followUpClaimed: evt('FollowUpClaimed.v1', { followUpId: followUp.followUpId, claimedBy: TEAM_MEMBER }),
  followUpCompleted: evt('FollowUpCompleted.v2', {
    followUpId: followUp.followUpId,
    resolution: 'family_contacted',
    completedOn: '2024-10-09',
    completedBy: TEAM_MEMBER,
    pii: { outcome: 'called the family' },
  }),
  followUpSnoozed: evt('FollowUpSnoozed.v1', {
    followUpId: followUp.followUpId,
    until: '2024-10-12T13:00:00.000Z',
  }),
  familyDataErased: evt('FamilyDataErased.v1', { erasedOn: '2024-12-10', reasonCode: 'family_request' }),
};

/** A referral as versions before the partner directory wrote it (free-text `partner`). */
export const legacyEvent = {
  /** The identification as earlier versions wrote it: ids in clear. */
  studentIdentifiedV1: (data: Partial<StudentIdentifiedV1['data']> = {}): StudentIdentifiedV1 => ({
    type: 'StudentIdentified.v1',
    data: {
      caseId: 'case-1',
      studentId: 'student-1',
      districtId: 'district-1',
      schoolId: 'school-1',
      schoolYear: '2024-25',
      grade: '7',
      identifiedOn: IDENTIFIED_ON,
      baseline: { asOf: '2024-09-30', daysEnrolled: 20, daysAbsent: 3, tier: 'chronic' },
      flags: { englishLearner: false, freeReducedLunch: true, housingInsecure: false, iep: false },
      homeLanguage: 'es',
      householdId: 'household-1',
      targetingApproach: 'school_subset',
      pii: { studentName: 'Ana', guardianName: 'Rosa' },
      ...data,
    },
  }),
  resourceReferredV1: (data: Partial<ResourceReferredV1['data']> = {}): ResourceReferredV1 => ({
    type: 'ResourceReferred.v1',
    data: {
      referralId: 'referral-1',
      referredOn: '2024-10-10',
      resourceType: 'mental_health',
      partner: 'Dr. Smith at Hartford Behavioral Health for Mr. Park',
      recordedBy: VISITOR,
      ...data,
    },
  }),
};

type Legacy<Type extends FreeTextCaseEventV1['type']> = Extract<FreeTextCaseEventV1, { type: Type }>;
const legacy =
  <Type extends FreeTextCaseEventV1['type']>(type: Type, defaults: Legacy<Type>['data']) =>
  (data: Partial<Legacy<Type>['data']> = {}): Legacy<Type> =>
    ({ type, data: { ...defaults, ...data } }) as unknown as Legacy<Type>;

/** Events as versions before free text moved into `pii` wrote them (clear reasons, strengths, outcomes). */
export const freeTextV1 = {
  consentDeclined: legacy('ConsentDeclined.v1', {
    respondedOn: '2024-10-04',
    reason: 'Mr. Park works nights',
  }),
  consentWithdrawn: legacy('ConsentWithdrawn.v1', {
    respondedOn: '2024-10-20',
    reason: 'Rosa moved in with her sister',
  }),
  visitHeld: legacy('VisitHeld.v1', {
    visitId: 'visit-1',
    visitNumber: 1,
    date: '2024-10-10',
    location: 'home',
    visitorIds: ['visitor-a', 'visitor-b'],
    pair: true,
    householdVisitId: null,
    barriers: ['transportation'],
    strengths: ['engaged grandmother'],
    aspirations: ['nurse'],
    familyWantsToContinue: true,
    pii: { notes: 'met at kitchen table' },
    recordedBy: VISITOR,
  }),
  visitMissed: legacy('VisitMissed.v1', {
    visitId: 'visit-1',
    date: '2024-10-10',
    reason: 'Ana was at the clinic',
    recordedBy: VISITOR,
  }),
  visitCancelled: legacy('VisitCancelled.v1', {
    visitId: 'visit-1',
    date: '2024-10-10',
    reason: 'Rosa asked to move it',
    recordedBy: VISITOR,
  }),
  entryVoided: legacy('EntryVoided.v1', {
    entryId: 'visit-1',
    entryKind: 'visit',
    voidedOn: '2024-10-15',
    reason: 'logged on the wrong case',
    recordedBy: ACTOR,
  }),
  caseReopened: legacy('CaseReopened.v1', { reopenedOn: '2024-12-15', reason: 'absences resumed' }),
  followUpCompleted: legacy('FollowUpCompleted.v1', {
    followUpId: followUp.followUpId,
    outcome: 'called the family',
    completedOn: '2024-10-09',
    completedBy: TEAM_MEMBER,
  }),
};

/** Histories specs start from. */
export const history = {
  identified: (): CaseEvent[] => [event.studentIdentified()],
  offered: (): CaseEvent[] => [event.studentIdentified(), event.consentOffered()],
  consenting: (): CaseEvent[] => [event.studentIdentified(), event.consentOffered(), event.consentGranted()],
};

/** The state of an identified case after `events`. */
export function caseAfter(events: CaseEvent[]): OpenCase {
  const state = fold(caseDecider, events);
  if (state.status === 'none') throw new Error('expected an identified case');
  return state;
}
