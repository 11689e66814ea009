import { openFollowUpsOf, stageOf, visitCountOf, type CaseSummaryDoc } from './case-summary';
import type { Viewer } from './viewer';

/**
/**
 * A summary as `GET /v1/cases` lists it: the state student id and name for roles that see personal
 * data; for the others, the student's pseudonym and no name. A case whose personal data was erased
 * names its student by the pseudonym, with a null name.
 */
export function toCaseSummaryView(doc: CaseSummaryDoc, viewer: Viewer) {
  const c = doc.state;
  const { personal } = doc;
  return {
    caseId: c.caseId,
    studentId: viewer.seesPii ? (personal.studentId ?? c.student) : c.student,
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
