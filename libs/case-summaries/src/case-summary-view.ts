import { openFollowUpsOf, stageOf, visitCountOf, type CaseSummaryDoc } from './case-summary';
import { searchFieldsOf } from './student-search';
import { shown, type Viewer } from './viewer';

/**
 * A summary as `GET /v1/cases` lists it: the state student id and name for roles that see personal
 * data; for the others, the student's pseudonym and no name. A case whose personal data cannot be
 * read names its student by the pseudonym.
 */
export function toCaseSummaryView(doc: CaseSummaryDoc, viewer: Viewer) {
  const c = doc.state;
  const personal =
    shown(viewer, 'StudentIdentified.v2', 'pii', c.pii) === undefined ? null : searchFieldsOf(c);
  return {
    caseId: c.caseId,
    studentId: personal?.studentId ?? c.student,
    ...(personal ? { studentName: personal.studentName } : {}),
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
