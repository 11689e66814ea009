import { jsonDocumentStore } from '@leap/projections';
import { openFollowUpsOf, stageOf, visitCountOf, type CaseSummaryDoc } from './case-summary';
import { searchable } from './personal-fields';

/** Side table of assigned visitors: `subject` scopes home visitors, `visitor_id` filters worklists. */
export const VISITORS_SUFFIX = 'visitors';

/**
 * One row per case (key = caseId) with the filter and order columns of `GET /v1/cases`. `student` is
 * the student's pseudonym. The search columns (state student id and name, lower-cased) come from the
 * document's `personal` fields, null once the family's data was erased, and are only ever matched
 * for roles that may see personal data. Indexes serve the two scopes (district, school) in list order.
 */
export const caseSummariesStore = jsonDocumentStore<CaseSummaryDoc>({
  columns: [
    { name: 'district_id', type: 'TEXT', notNull: true, of: (d) => d.state.districtId },
    { name: 'school_id', type: 'TEXT', notNull: true, of: (d) => d.state.schoolId },
    { name: 'student', type: 'TEXT', notNull: true, of: (d) => d.state.student },
    { name: 'student_id_search', type: 'TEXT', of: (d) => searchable(d.personal.studentId) },
    { name: 'student_name_search', type: 'TEXT', of: (d) => searchable(d.personal.studentName) },
    { name: 'status', type: 'TEXT', notNull: true, of: (d) => d.state.status },
    { name: 'stage', type: 'TEXT', notNull: true, of: (d) => stageOf(d.state) },
    { name: 'tier', type: 'TEXT', notNull: true, of: (d) => d.state.tier },
    { name: 'identified_on', type: 'TEXT', notNull: true, of: (d) => d.state.identifiedOn },
    { name: 'last_contact_on', type: 'TEXT', of: (d) => d.state.lastContactOn },
    { name: 'visit_count', type: 'INTEGER', notNull: true, of: (d) => visitCountOf(d.state) },
    { name: 'open_follow_ups', type: 'INTEGER', notNull: true, of: (d) => openFollowUpsOf(d.state) },
  ],
  indexes: [
    ['district_id', 'identified_on', 'key'],
    ['school_id', 'identified_on', 'key'],
  ],
  children: [
    {
      suffix: VISITORS_SUFFIX,
      columns: [
        { name: 'visitor_id', type: 'TEXT' },
        { name: 'subject', type: 'TEXT' },
      ],
      rows: (d) => d.state.assignedVisitors.map((visitor) => [visitor.visitorId, visitor.subject]),
      indexes: [['visitor_id'], ['subject']],
    },
  ],
});
