import { fold } from '../decider';
import { caseDecider } from './case.decider';
import type { CaseCommand } from './commands';
import type { CaseEvent, FollowUpDue, ResourceReferredV1, StudentIdentified } from './events';
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

const identification: Omit<StudentIdentified['data'], 'baseline'> = {
  caseId: 'case-1',
  studentId: 'student-1',
  districtId: 'district-1',
  schoolId: 'school-1',
  schoolYear: '2024-25',
  grade: '7',
  identifiedOn: IDENTIFIED_ON,
  flags: { englishLearner: false, freeReducedLunch: true, housingInsecure: false, iep: false },
  homeLanguage: 'es',
  householdId: 'household-1',
  targetingApproach: 'school_subset',
  pii: { studentName: 'Ana', guardianName: 'Rosa' },
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
    reason: null,
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
      strengths: ['engaged grandmother'],
      aspirations: ['nurse'],
      familyWantsToContinue: true,
      pii: { notes: 'met at kitchen table' },
    },
    VISITOR,
  ),
  recordVisitNotHeld: cmd(
    'RecordVisitNotHeld',
    { visitId: 'visit-1', status: 'missed', date: '2024-10-10', reason: null },
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
  voidEntry: cmd('VoidEntry', {
    entryId: 'visit-1',
    voidedOn: '2024-10-15',
    reason: 'logged on the wrong case',
  }),
  transferCase: cmd('TransferCase', { toSchoolId: 'school-2', transferredOn: '2024-11-01' }),
  closeCase: cmd('CloseCase', { closedOn: '2024-12-01', reason: 'attendance_improved' }),
  reopenCase: cmd('ReopenCase', { reopenedOn: '2024-12-15', reason: 'absences resumed' }),
  raiseFollowUp: cmd('RaiseFollowUp', { ...followUp }, SYSTEM),
  claimFollowUp: cmd('ClaimFollowUp', { followUpId: followUp.followUpId }, TEAM_MEMBER),
  completeFollowUp: cmd(
    'CompleteFollowUp',
    { followUpId: followUp.followUpId, outcome: 'called the family', completedOn: '2024-10-09' },
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
  studentIdentified: evt('StudentIdentified.v1', {
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
  consentDeclined: evt('ConsentDeclined.v1', { respondedOn: '2024-10-04', reason: null }),
  consentWithdrawn: evt('ConsentWithdrawn.v1', { respondedOn: '2024-10-20', reason: null }),
  visitScheduled: evt('VisitScheduled.v1', {
    visitId: 'visit-1',
    date: '2024-10-10',
    location: 'home',
    visitorIds: ['visitor-a', 'visitor-b'],
    householdVisitId: null,
    recordedBy: VISITOR,
  }),
  visitHeld: evt('VisitHeld.v1', {
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
  visitMissed: evt('VisitMissed.v1', {
    visitId: 'visit-1',
    date: '2024-10-10',
    reason: null,
    recordedBy: VISITOR,
  }),
  visitCancelled: evt('VisitCancelled.v1', {
    visitId: 'visit-1',
    date: '2024-10-10',
    reason: null,
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
  entryVoided: evt('EntryVoided.v1', {
    entryId: 'visit-1',
    entryKind: 'visit',
    voidedOn: '2024-10-15',
    reason: 'logged on the wrong case',
    recordedBy: ACTOR,
  }),
  caseTransferred: evt('CaseTransferred.v1', {
    fromSchoolId: 'school-1',
    toSchoolId: 'school-2',
    transferredOn: '2024-11-01',
  }),
  caseClosed: evt('CaseClosed.v1', { closedOn: '2024-12-01', reason: 'attendance_improved' }),
  caseReopened: evt('CaseReopened.v1', { reopenedOn: '2024-12-15', reason: 'absences resumed' }),
  followUpDue: evt('FollowUpDue.v1', { ...followUp }),
  followUpClaimed: evt('FollowUpClaimed.v1', { followUpId: followUp.followUpId, claimedBy: TEAM_MEMBER }),
  followUpCompleted: evt('FollowUpCompleted.v1', {
    followUpId: followUp.followUpId,
    outcome: 'called the family',
    completedOn: '2024-10-09',
    completedBy: TEAM_MEMBER,
  }),
  followUpSnoozed: evt('FollowUpSnoozed.v1', {
    followUpId: followUp.followUpId,
    until: '2024-10-12T13:00:00.000Z',
  }),
  familyDataErased: evt('FamilyDataErased.v1', { erasedOn: '2024-12-10', reasonCode: 'family_request' }),
};

/** A referral as versions before the partner directory wrote it (free-text `partner`). */
export const legacyEvent = {
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
