import { openFollowUpsOf, stageOf, visitCountOf, type CaseSummaryDoc } from './case-summary';

/** A summary as `GET /v1/cases` lists it; without `studentName` for roles that see no PII. */
export function toCaseSummaryView(doc: CaseSummaryDoc, seesPii: boolean) {
  const c = doc.state;
  return {
    caseId: c.caseId,
    studentId: c.studentId,
    ...(seesPii ? { studentName: c.pii.studentName ?? null } : {}),
    districtId: c.districtId,
    schoolId: c.schoolId,
    schoolYear: c.schoolYear,
    grade: c.grade,
    status: c.status,
    stage: stageOf(c),
    consent: c.consent,
    tier: c.tier,
    identifiedOn: c.identifiedOn,
    lastContactOn: c.lastContactOn,
    visitCount: visitCountOf(c),
    openFollowUps: openFollowUpsOf(c),
    assignedVisitorIds: c.assignedVisitors.map((visitor) => visitor.visitorId),
    revision: doc.revision,
  };
}

export type CaseSummaryView = ReturnType<typeof toCaseSummaryView>;
