import { openFollowUpsOf, stageOf, visitCountOf, type CaseSummaryDoc } from './case-summary';
import { shown, type Viewer } from './viewer';

/**
 * A summary as `GET /v1/cases` lists it; for roles without personal data, a pseudonymous student and
 * no name. The name is null once the family's data was erased.
 */
export function toCaseSummaryView(doc: CaseSummaryDoc, viewer: Viewer) {
  const c = doc.state;
  const { personal } = doc;
  return {
    caseId: c.caseId,
    studentId: viewer.seesPii
      ? (personal.studentId ?? c.studentId)
      : shown(viewer, 'StudentIdentified.v1', 'studentId', c.studentId),
    ...(viewer.seesPii ? { studentName: personal.studentName } : {}),
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
