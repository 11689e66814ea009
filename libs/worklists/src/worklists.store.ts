import { jsonDocumentStore, type SqlValue } from '@leap/projections';
import {
  SEVERITY_OF,
  isCandidateDoc,
  isoInstant,
  openFromOf,
  workableCandidateFollowUps,
  workableFollowUps,
  type CandidateWorklistDoc,
  type WorklistDoc,
} from './worklist-doc';

export const ITEMS_SUFFIX = 'items';
export const VISITORS_SUFFIX = 'visitors';

/** The item columns, in row order (the key column, `key`, is the case id). */
export const ITEM_COLUMNS = [
  'follow_up_id',
  'district_id',
  'school_id',
  'severity',
  'open_from',
  'state',
  'assignee',
  'tier',
  'rule',
  'reason',
  'due_at',
  'snoozed_until',
  'trigger_event_id',
  'raised_by_event_id',
  'raised_by_revision',
  'entry_id',
  'student',
  'student_id',
  'student_name',
  'candidate_id',
] as const;
type ItemColumn = (typeof ITEM_COLUMNS)[number];
const INTEGER_COLUMNS = ['severity', 'raised_by_revision'] as const;
type TextColumn = Exclude<ItemColumn, (typeof INTEGER_COLUMNS)[number]>;
export type ItemRow = Record<TextColumn, string | null> & {
  /** The case id. */
  key: string;
  severity: number;
  raised_by_revision: number | null;
};

/** One row per open or snoozed follow-up, with the case's scope and tier copied onto it. */
function itemRows(doc: WorklistDoc): SqlValue[][] {
  if (isCandidateDoc(doc)) return candidateItemRows(doc);
  const c = doc.state;
  return workableFollowUps(c).map((f) => {
    const raised = doc.raisedBy[f.followUpId];
    const row: Record<ItemColumn, SqlValue> = {
      follow_up_id: f.followUpId,
      district_id: c.districtId,
      school_id: c.schoolId,
      severity: SEVERITY_OF[c.tier],
      open_from: openFromOf(f),
      state: f.state,
      assignee: f.assignee,
      tier: c.tier,
      rule: f.rule,
      reason: f.reason,
      due_at: f.dueAt,
      snoozed_until: f.snoozedUntil,
      trigger_event_id: f.triggerEventId,
      raised_by_event_id: raised?.eventId ?? null,
      raised_by_revision: raised?.revision ?? null,
      entry_id: f.entryId,
      student: c.student,
      student_id: doc.personal.studentId,
      student_name: doc.personal.studentName,
      candidate_id: null,
    };
    return ITEM_COLUMNS.map((column) => row[column]);
  });
}

/** A candidate's open follow-up, with its district, school and year-to-date tier; no case. */
function candidateItemRows(doc: CandidateWorklistDoc): SqlValue[][] {
  const c = doc.state;
  return workableCandidateFollowUps(doc).map((f) => {
    const raised = doc.raisedBy[f.followUpId];
    const row: Record<ItemColumn, SqlValue> = {
      follow_up_id: f.followUpId,
      district_id: c.districtId,
      school_id: c.schoolId,
      severity: SEVERITY_OF[c.yearToDate.tier],
      open_from: isoInstant(f.dueAt),
      state: 'open',
      assignee: f.assignee,
      tier: c.yearToDate.tier,
      rule: 'new_candidate',
      reason: f.reason,
      due_at: f.dueAt,
      snoozed_until: null,
      trigger_event_id: f.triggerEventId,
      raised_by_event_id: raised?.eventId ?? null,
      raised_by_revision: raised?.revision ?? null,
      entry_id: null,
      student: c.student,
      student_id: null,
      student_name: null,
      candidate_id: doc.candidateId,
    };
    return ITEM_COLUMNS.map((column) => row[column]);
  });
}

const scopeOf = (d: WorklistDoc) => ({ districtId: d.state.districtId, schoolId: d.state.schoolId });
const tierOfDoc = (d: WorklistDoc) => (isCandidateDoc(d) ? d.state.yearToDate.tier : d.state.tier);
const openItemsOf = (d: WorklistDoc) =>
  isCandidateDoc(d) ? workableCandidateFollowUps(d).length : workableFollowUps(d.state).length;

/**
 * One document per case (key = caseId) and two side tables: `items` (one row per open or snoozed
 * follow-up) and `visitors` (login subjects of the assigned visitors, which scope home visitors).
 *
 * Every item index ends in `(severity, open_from, follow_up_id)`: for one school (or district, or
 * assignee) and one severity, the items are stored in worklist order, and "overdue at t" is a prefix
 * of that range (`open_from <= t - grace`). A page is therefore a few ordered range scans that stop
 * after `limit` rows, never a sort of the school's items (see `worklists.query.ts`).
 * Writes rewrite a case's item rows only when they change (any follow-up event, a tier change,
 * a transfer, a resolution); most case events leave them alone.
 */
export const worklistsStore = jsonDocumentStore<WorklistDoc>({
  columns: [
    { name: 'district_id', type: 'TEXT', notNull: true, of: (d) => scopeOf(d).districtId },
    { name: 'school_id', type: 'TEXT', notNull: true, of: (d) => scopeOf(d).schoolId },
    { name: 'tier', type: 'TEXT', notNull: true, of: tierOfDoc },
    { name: 'open_items', type: 'INTEGER', notNull: true, of: openItemsOf },
  ],
  children: [
    {
      suffix: ITEMS_SUFFIX,
      columns: ITEM_COLUMNS.map((name) => ({
        name,
        type: (INTEGER_COLUMNS as readonly string[]).includes(name) ? 'INTEGER' : 'TEXT',
      })),
      rows: itemRows,
      indexes: [
        ['school_id', 'severity', 'open_from', 'follow_up_id'],
        ['district_id', 'severity', 'open_from', 'follow_up_id'],
        ['assignee', 'severity', 'open_from', 'follow_up_id'],
        ['severity', 'open_from', 'follow_up_id'],
      ],
    },
    {
      suffix: VISITORS_SUFFIX,
      columns: [{ name: 'subject', type: 'TEXT' }],
      rows: (d) =>
        isCandidateDoc(d)
          ? []
          : d.state.assignedVisitors.flatMap((v) => (v.subject === null ? [] : [[v.subject]])),
      indexes: [['subject', 'key']],
    },
  ],
});
