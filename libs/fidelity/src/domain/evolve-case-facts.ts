import {
  businessDateOfEvent,
  isCaseEventType,
  upcastCaseEvent,
  type CaseEvent,
  type StoredCaseEvent,
} from '@leap/domain';
import type { CaseFacts, Stamp } from './facts';

/** What the fold needs of a stored event: `RecordedEvent` of the event store has it all. */
export interface FidelityEvent {
  streamId: string;
  type: string;
  data: unknown;
  /** ISO-8601 instant the store recorded the event. */
  recordedAt: string;
}

/**
 * The case's facts after one of its events. Pure and never mutating `facts`: only the list an event
 * touches is copied. Events before the identification leave no facts (as they leave no case).
 * Erasure (`FamilyDataErased`) changes nothing here: the facts hold codes and dates only, so an
 * erased family keeps counting in the coded aggregates.
 */
export function evolveCaseFacts(facts: CaseFacts | null, event: FidelityEvent): CaseFacts | null {
  if (!isCaseEventType(event.type)) return facts;
  const at = Date.parse(event.recordedAt);
  const e = upcastCaseEvent({ type: event.type, data: event.data } as StoredCaseEvent);
  if (e.type === 'StudentIdentified.v2') {
    const identifiedOn = businessDateOfEvent(e);
    if (facts || identifiedOn === null) return facts;
    const { caseId, districtId, schoolId } = e.data;
    return {
      kind: 'case',
      caseId,
      districtId,
      schoolId,
      identified: { on: identifiedOn, at, schoolId },
      offers: [],
      decisions: [],
      visits: [],
      calls: [],
      referrals: [],
      checks: [],
      followUps: [],
    };
  }
  return facts ? evolveOpened(facts, e, at) : null;
}

/**
 * Each fact's business date is the domain's one mapping (`businessDateOfEvent`, which the timeline
 * uses too); an event with recorded time only (a follow-up falling due) is placed by its own instant.
 */
function evolveOpened(c: CaseFacts, e: CaseEvent, at: number): CaseFacts {
  const schoolId = c.schoolId;
  if (e.type === 'FollowUpDue.v1') {
    const { followUpId, rule, dueAt } = e.data;
    if (c.followUps.some((f) => f.followUpId === followUpId)) return c;
    const followUp = { followUpId, schoolId, rule, dueAt: Date.parse(dueAt), at, completed: null };
    return { ...c, followUps: [...c.followUps, followUp] };
  }
  const on = businessDateOfEvent(e);
  // Nothing a metric counts has no business date: claims and snoozes only.
  if (on === null) return c;
  switch (e.type) {
    case 'ConsentOffered.v1':
      return { ...c, offers: [...c.offers, { on, at, schoolId }] };
    case 'ConsentGranted.v1':
      return { ...c, decisions: [...c.decisions, { decision: 'granted', on, at, schoolId }] };
    case 'ConsentDeclined.v2':
      return { ...c, decisions: [...c.decisions, { decision: 'declined', on, at, schoolId }] };
    case 'ConsentWithdrawn.v2':
      return { ...c, decisions: [...c.decisions, { decision: 'withdrawn', on, at, schoolId }] };
    case 'VisitHeld.v2': {
      const d = e.data;
      const visit = {
        visitId: d.visitId,
        on,
        at,
        voided: null,
        schoolId,
        key: d.householdVisitId ? `household:${d.householdVisitId}` : `case:${c.caseId}:${d.visitId}`,
        location: d.location,
        visitorIds: d.visitorIds,
        pair: d.pair,
        barriers: d.barriers,
        strengths: d.strengthCodes ?? [],
      };
      return { ...c, visits: [...c.visits.filter((v) => v.visitId !== d.visitId), visit] };
    }
    case 'FollowUpCallMade.v1': {
      const { callId, outcome } = e.data;
      return { ...c, calls: [...c.calls, { callId, on, at, voided: null, schoolId, outcome }] };
    }
    case 'ResourceReferred.v2': {
      const { referralId, resourceType, partnerId } = e.data;
      const referral = {
        referralId,
        on,
        at,
        voided: null,
        schoolId,
        resourceType,
        partnerId,
        outcomes: [],
      };
      return { ...c, referrals: [...c.referrals, referral] };
    }
    case 'ReferralOutcomeRecorded.v1': {
      const { referralId, outcome } = e.data;
      const referrals = c.referrals.map((r) =>
        r.referralId === referralId ? { ...r, outcomes: [...r.outcomes, { on, at, outcome }] } : r,
      );
      return { ...c, referrals };
    }
    case 'AttendanceChecked.v1':
      return {
        ...c,
        checks: [...c.checks, { checkId: e.data.checkId, on, at, voided: null, schoolId }],
      };
    case 'EntryVoided.v2':
      return voided(c, e.data.entryId, e.data.entryKind, { on, at });
    case 'CaseTransferred.v1':
      return { ...c, schoolId: e.data.toSchoolId };
    case 'FollowUpCompleted.v2': {
      const { followUpId } = e.data;
      const followUps = c.followUps.map((f) =>
        f.followUpId === followUpId && !f.completed ? { ...f, completed: { on, at } } : f,
      );
      return { ...c, followUps };
    }
    // Nothing a metric counts: scheduling, assignments, claims, snoozes, closure, erasure.
    default:
      return c;
  }
}

/** A void keeps the entry, stamped, so a recorded-time cut before the void still counts it. */
function voided(c: CaseFacts, entryId: string, kind: string, stamp: Stamp): CaseFacts {
  const mark = <T extends { voided: Stamp | null }>(list: T[], idOf: (t: T) => string): T[] =>
    list.map((entry) => (idOf(entry) === entryId && !entry.voided ? { ...entry, voided: stamp } : entry));
  switch (kind) {
    case 'visit':
      return { ...c, visits: mark(c.visits, (v) => v.visitId) };
    case 'follow_up_call':
      return { ...c, calls: mark(c.calls, (v) => v.callId) };
    case 'referral':
      return { ...c, referrals: mark(c.referrals, (v) => v.referralId) };
    case 'attendance_check':
      return { ...c, checks: mark(c.checks, (v) => v.checkId) };
    default:
      return c;
  }
}
