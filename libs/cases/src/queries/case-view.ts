import type { OpenCase } from '@leap/domain';
import type { CaseView } from '../dto/case-view.dto';

/**
 * The current state of a case as clients read it. Voided entries are left out (the history keeps
 * them). For roles without personal data the state is folded from redacted events (see
 * `shown-events.ts`): its personal and free-text fields are absent and drop out of the JSON, and its
 * identifiers are pseudonyms, so this view needs no list of sensitive fields of its own. Its type is
 * the documented `CaseView`.
 */
export function toCaseView(state: OpenCase, revision: bigint): CaseView {
  const visits = state.visits.filter((visit) => !visit.voided);
  const held = visits.filter((visit) => visit.status === 'held');
  return {
    caseId: state.caseId,
    studentId: state.studentId,
    districtId: state.districtId,
    schoolId: state.schoolId,
    schoolYear: state.schoolYear,
    grade: state.grade,
    identifiedOn: state.identifiedOn,
    householdId: state.householdId,
    homeLanguage: state.homeLanguage,
    targetingApproach: state.targetingApproach,
    flags: state.flags,
    status: state.status,
    closure: state.closure,
    consent: state.consent,
    consentOfferedOn: state.consentOfferedOn,
    assignedVisitorIds: state.assignedVisitors.map((visitor) => visitor.visitorId),
    visits: visits.map((visit) => ({
      visitId: visit.visitId,
      number: visit.number,
      status: visit.status,
      date: visit.date,
      location: visit.location,
      visitorIds: visit.visitorIds,
      pair: visit.pair,
      householdVisitId: visit.householdVisitId,
      barriers: visit.barriers,
      familyWantsToContinue: visit.familyWantsToContinue,
      strengths: visit.strengths,
      aspirations: visit.aspirations,
      reason: visit.reason,
      pii: visit.pii,
    })),
    visitCount: held.length,
    lastVisit: held.at(-1)
      ? { visitId: held.at(-1)!.visitId, number: held.at(-1)!.number, date: held.at(-1)!.date }
      : null,
    followUpCalls: state.followUpCalls
      .filter((call) => !call.voided)
      .map((call) => ({
        callId: call.callId,
        calledOn: call.calledOn,
        outcome: call.outcome,
        pii: call.pii,
      })),
    referrals: state.referrals
      .filter((referral) => !referral.voided)
      .map((referral) => ({
        referralId: referral.referralId,
        referredOn: referral.referredOn,
        resourceType: referral.resourceType,
        partnerId: referral.partnerId,
        pii: referral.pii,
        outcome: referral.outcome,
        outcomeRecordedOn: referral.outcomeRecordedOn,
      })),
    baseline: state.baseline,
    latestAttendance: state.latestAttendance,
    tier: state.tier,
    attendanceChecks: state.attendanceChecks
      .filter((check) => !check.voided)
      .map(({ checkId, asOf, daysEnrolled, daysAbsent, tier }) => ({
        checkId,
        asOf,
        daysEnrolled,
        daysAbsent,
        tier,
      })),
    lastContactOn: state.lastContactOn,
    followUps: state.followUps.map((f) => ({
      followUpId: f.followUpId,
      rule: f.rule,
      reason: f.reason,
      dueAt: f.dueAt,
      triggerEventId: f.triggerEventId,
      entryId: f.entryId,
      state: f.state,
      assignee: f.assignee,
      snoozedUntil: f.snoozedUntil,
      completedOn: f.completedOn,
      outcome: f.outcome,
    })),
    pii: state.pii,
    erased: state.erased,
    revision: Number(revision),
  };
}
