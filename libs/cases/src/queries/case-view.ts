import type { NotesPii, OpenCase, VisitEntry } from '@leap/domain';
import type { CaseView } from '../dto/case-view.dto';

/**
 * The current state of a case as clients read it. Voided entries are left out (the history keeps
 * them). For roles without personal data the state is folded from redacted events (see
 * `shown-events.ts`): its personal and free-text fields are absent and drop out of the JSON, and its
 * identifiers are pseudonyms, so this view needs no list of sensitive fields of its own. Its type is
 * the documented `CaseView`.
 */
export function toCaseView(state: OpenCase, revision: bigint): CaseView {
  const identity = identityOf(state);
  const visits = state.visits.filter((visit) => !visit.voided);
  const held = visits.filter((visit) => visit.status === 'held');
  return {
    caseId: state.caseId,
    studentId: identity.studentId,
    districtId: state.districtId,
    schoolId: state.schoolId,
    schoolYear: state.schoolYear,
    grade: state.grade,
    identifiedOn: state.identifiedOn,
    householdId: identity.householdId,
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
      strengthCodes: visit.strengthCodes,
      familyWantsToContinue: visit.familyWantsToContinue,
      reasonCode: visit.reasonCode,
      ...visitWords(visit.pii),
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
      .map(({ checkId, asOf, daysEnrolled, daysAbsent, tier, month, rate, yearToDate }) => ({
        checkId,
        asOf,
        daysEnrolled,
        daysAbsent,
        tier,
        month: month ?? null,
        rate: rate ?? null,
        yearToDate: yearToDate ?? null,
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
      resolution: f.resolution,
      // Personal data: absent, with its `pii`, for roles that see none.
      outcome: f.pii === undefined ? undefined : (f.pii.outcome ?? null),
    })),
    pii: identity.pii,
    erased: state.erased,
    revision: Number(revision),
  };
}

/**
 * A visit's words as the view has always shown them: strengths, aspirations and the reason beside
 * the codes, notes under `pii`. All of it comes from the visit's `pii`, which is absent for roles that
 * see no personal data, and then so is every field here.
 */
function visitWords(pii: VisitEntry['pii'] | undefined) {
  if (pii === undefined) return {};
  const { strengths, aspirations, reason, ...notes } = pii;
  return {
    strengths: strengths ?? [],
    aspirations: aspirations ?? [],
    reason: reason ?? null,
    pii: notes satisfies NotesPii,
  };
}

/**
 * The student and household as the view names them: the state student id and household id from
 * `pii` when it is shown and readable, else their pseudonyms (for roles without personal data, the
 * state has no `pii` at all). The ids are named at the top of the view, so `pii` keeps the names,
 * phone and address only.
 */
function identityOf(state: OpenCase): Pick<CaseView, 'studentId' | 'householdId' | 'pii'> {
  const pii: unknown = state.pii;
  if (pii === null || typeof pii !== 'object')
    return { studentId: state.student, householdId: state.household };
  const { studentId, householdId, ...names } = pii as Record<string, unknown>;
  return {
    studentId: typeof studentId === 'string' ? studentId : state.student,
    householdId: typeof householdId === 'string' ? householdId : state.household,
    pii: names,
  };
}
