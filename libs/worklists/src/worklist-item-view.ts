import { shown, type Viewer } from '@leap/case-summaries';
import type { Segment } from './worklist-segments';
import type { ItemRow } from './worklists.store';

export interface ViewContext {
  nowMs: number;
  overdueAfterMs: number;
  viewer: Viewer;
}

/**
 * An item as `GET /v1/worklists` lists it. Why it exists: `rule`, `reason`, `triggerEventId` (the
 * event that started the rule's clock) and `raisedBy` (the `FollowUpDue` event in the case
 * history, with its revision there). `state` is as of the listing's instant: a snooze that has ended reads `open`.
 */
export function toWorklistItemView(row: ItemRow, segment: Segment, context: ViewContext) {
  // A candidate's item (`new_candidate`) has no case: it is worked at /v1/candidates/:candidateId.
  const candidateId = row.candidate_id;
  const caseId = candidateId === null ? row.key : null;
  const openFrom = row.open_from!;
  const followUp = `/v1/cases/${caseId}/follow-ups/${row.follow_up_id}`;
  const candidate = `/v1/candidates/${candidateId}`;
  const { viewer } = context;
  // The state student id and name for roles that see personal data, when known; else the pseudonym.
  const pii = shown(viewer, 'StudentIdentified.v2', 'pii', {
    studentId: row.student_id ?? row.student!,
    studentName: row.student_name ?? undefined,
  });
  return {
    followUpId: row.follow_up_id!,
    caseId,
    candidateId,
    districtId: row.district_id!,
    schoolId: row.school_id!,
    studentId: pii?.studentId ?? row.student!,
    ...(pii ? { studentName: pii.studentName ?? null } : {}),
    tier: row.tier!,
    rule: row.rule!,
    reason: row.reason!,
    triggerEventId: row.trigger_event_id!,
    raisedBy:
      row.raised_by_event_id === null
        ? null
        : { eventId: row.raised_by_event_id, revision: row.raised_by_revision },
    entryId: row.entry_id,
    dueAt: row.due_at!,
    state: row.state === 'snoozed' && Date.parse(openFrom) > context.nowMs ? 'snoozed' : 'open',
    snoozedUntil: row.snoozed_until,
    overdue: segment.overdue,
    /** When the item is (or was) overdue: the grace period after it fell due or its snooze ended. */
    overdueAt: new Date(Date.parse(openFrom) + context.overdueAfterMs).toISOString(),
    assignee: row.assignee === null ? null : shown(viewer, 'FollowUpClaimed.v1', 'claimedBy', row.assignee),
    links:
      caseId === null
        ? {
            case: null,
            history: null,
            claim: `${candidate}/claim`,
            complete: null,
            snooze: null,
            dismiss: `${candidate}/dismiss`,
          }
        : {
            case: `/v1/cases/${caseId}`,
            history: `/v1/cases/${caseId}/history`,
            claim: `${followUp}/claim`,
            complete: `${followUp}/complete`,
            snooze: `${followUp}/snooze`,
            dismiss: null,
          },
  };
}

export type WorklistItemView = ReturnType<typeof toWorklistItemView>;
