import { assertNever } from '../decider';
import { withDerivedFigures } from './derived';
import { withFamilyDataErased } from './erasure';
import type { CaseEvent, EntryVoided, StoredCaseEvent, StudentIdentified } from './events';
import type { CaseState, OpenCase } from './state';
import { withFollowUp, withFollowUpDue, withResolvedFollowUps } from './follow-up-entries';
import { upcastCaseEvent } from './upcast';
import { withHeldVisit, withScheduledVisit, withVisitNotHeld, withVisitVoided } from './visits';

export const initialCaseState = (): CaseState => ({ status: 'none' });

/**
 * Folds one case event into state. Evolve trusts the stream (decide already enforced the
 * invariants) and never throws: an event that cannot apply, such as anything before identification,
 * leaves state unchanged. It accepts every stored version and upcasts it first: this is the one
 * place every fold of a case passes through.
 */
export function evolveCase(state: CaseState, stored: StoredCaseEvent): CaseState {
  const event = upcastCaseEvent(stored);
  if (event.type === 'StudentIdentified.v2') return state.status === 'none' ? identified(event) : state;
  if (state.status === 'none') return state;
  return withResolvedFollowUps(withDerivedFigures(evolveExisting(state, event)), event);
}

function identified(event: StudentIdentified): OpenCase {
  const { baseline, ...data } = event.data;
  return {
    ...data,
    status: 'open',
    baseline,
    latestAttendance: null,
    tier: baseline.tier,
    consent: 'none',
    consentOfferedOn: null,
    consentChannel: null,
    assignedVisitors: [],
    visits: [],
    followUpCalls: [],
    referrals: [],
    attendanceChecks: [],
    closure: null,
    lastContactOn: null,
    followUps: [],
    erased: false,
  };
}

function evolveExisting(c: OpenCase, event: Exclude<CaseEvent, StudentIdentified>): OpenCase {
  switch (event.type) {
    case 'VisitorsAssigned.v1':
      // The assignment replaces the previous set: leaving a visitor out is how access is removed.
      return { ...c, assignedVisitors: event.data.visitors };
    case 'ConsentOffered.v1':
      return {
        ...c,
        consent: 'offered',
        consentOfferedOn: event.data.offeredOn,
        consentChannel: event.data.channel,
      };
    case 'ConsentGranted.v1':
      return { ...c, consent: 'granted' };
    case 'ConsentDeclined.v2':
      return { ...c, consent: 'declined' };
    case 'ConsentWithdrawn.v2':
      return { ...c, consent: 'withdrawn' };
    case 'VisitScheduled.v1':
      return { ...c, visits: withScheduledVisit(c.visits, event) };
    case 'VisitHeld.v2':
      return { ...c, visits: withHeldVisit(c.visits, event) };
    case 'VisitMissed.v2':
      return { ...c, visits: withVisitNotHeld(c.visits, 'missed', event.data) };
    case 'VisitCancelled.v2':
      return { ...c, visits: withVisitNotHeld(c.visits, 'cancelled', event.data) };
    case 'FollowUpCallMade.v1':
      return { ...c, followUpCalls: [...c.followUpCalls, { ...event.data, voided: false }] };
    case 'ResourceReferred.v2':
      return {
        ...c,
        referrals: [...c.referrals, { ...event.data, outcome: null, outcomeRecordedOn: null, voided: false }],
      };
    case 'ReferralOutcomeRecorded.v1': {
      // Recording an outcome again replaces it: the latest word on a referral wins.
      const { referralId, outcome, recordedOn } = event.data;
      const referrals = c.referrals.map((referral) =>
        referral.referralId === referralId && !referral.voided
          ? { ...referral, outcome, outcomeRecordedOn: recordedOn }
          : referral,
      );
      return { ...c, referrals };
    }
    case 'AttendanceChecked.v1':
      return { ...c, attendanceChecks: [...c.attendanceChecks, { ...event.data, voided: false }] };
    case 'EntryVoided.v2':
      return voidEntry(c, event);
    case 'CaseTransferred.v1':
      return { ...c, schoolId: event.data.toSchoolId };
    case 'CaseClosed.v1':
      return {
        ...c,
        status: 'closed',
        closure: { closedOn: event.data.closedOn, reason: event.data.reason },
      };
    case 'CaseReopened.v2':
      return { ...c, status: 'open', closure: null };
    case 'FollowUpDue.v1':
      return { ...c, followUps: withFollowUpDue(c.followUps, event) };
    case 'FollowUpClaimed.v1':
      return {
        ...c,
        followUps: withFollowUp(c.followUps, event.data.followUpId, (f) => ({
          ...f,
          assignee: event.data.claimedBy,
        })),
      };
    case 'FollowUpCompleted.v2': {
      const { resolution, completedOn, pii } = event.data;
      return {
        ...c,
        followUps: withFollowUp(c.followUps, event.data.followUpId, (f) => ({
          ...f,
          state: 'completed',
          resolution,
          completedOn,
          pii,
        })),
      };
    }
    case 'FollowUpSnoozed.v1':
      return {
        ...c,
        followUps: withFollowUp(c.followUps, event.data.followUpId, (f) => ({
          ...f,
          state: 'snoozed',
          snoozedUntil: event.data.until,
        })),
      };
    case 'FamilyDataErased.v1':
      return withFamilyDataErased(c);
    default:
      return assertNever(event);
  }
}

/** The voided entry stays in its log, marked, so the history remains complete. */
function voidEntry(c: OpenCase, event: EntryVoided): OpenCase {
  const { entryId, entryKind } = event.data;
  switch (entryKind) {
    case 'visit':
      return { ...c, visits: withVisitVoided(c.visits, entryId) };
    case 'follow_up_call':
      return {
        ...c,
        followUpCalls: c.followUpCalls.map((call) =>
          call.callId === entryId ? { ...call, voided: true } : call,
        ),
      };
    case 'referral':
      return {
        ...c,
        referrals: c.referrals.map((ref) => (ref.referralId === entryId ? { ...ref, voided: true } : ref)),
      };
    case 'attendance_check':
      return {
        ...c,
        attendanceChecks: c.attendanceChecks.map((check) =>
          check.checkId === entryId ? { ...check, voided: true } : check,
        ),
      };
    default:
      return assertNever(entryKind);
  }
}
