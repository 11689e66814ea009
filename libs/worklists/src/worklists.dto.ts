import type { FollowUpRuleId, Tier } from '@leap/domain';
import { ApiInstant, ApiInteger } from '@leap/http';

/** The `FollowUpDue` event that raised the item, in the case history (or the candidate's stream). */
export class RaisedByView {
  eventId!: string;
  @ApiInteger() revision!: number | null;
}

/** Where to act on the item: a case's follow-up, or a candidate (case links null, `dismiss` set). */
export class WorklistLinksView {
  case!: string | null;
  history!: string | null;
  claim!: string;
  complete!: string | null;
  snooze!: string | null;
  /** Candidates only: `POST` with a coded reason to dismiss. */
  dismiss!: string | null;
}

/** One follow-up as `GET /v1/worklists` lists it (see `toWorklistItemView`). */
export class WorklistItemView {
  followUpId!: string;
  /** The case the follow-up is on; null for a candidate's item. */
  caseId!: string | null;
  /**
   * Set for a `new_candidate` item: a student without a case the team may identify
   * (`<districtId>-<student pseudonym>`, worked at `/v1/candidates/:candidateId`); null otherwise.
   */
  candidateId!: string | null;
  districtId!: string;
  schoolId!: string;
  /** The state student id (a pseudonym for roles that see no personal data). */
  studentId!: string;
  /** Personal data: absent for roles that see none; null when it was not recorded. */
  studentName?: string | null;
  tier!: Tier;
  rule!: FollowUpRuleId;
  /** Why it fell due, written by the system from codes and dates. */
  reason!: string;
  /** The event that started the rule's clock. */
  triggerEventId!: string;
  raisedBy!: RaisedByView | null;
  /** The entry (e.g. the referral) the follow-up is about, if any. */
  entryId!: string | null;
  @ApiInstant() dueAt!: string;
  /** As of the listing's instant: a snooze that has ended reads `open`. */
  state!: 'open' | 'snoozed';
  @ApiInstant() snoozedUntil!: string | null;
  overdue!: boolean;
  /** When the item is (or was) overdue: the grace period after it fell due or its snooze ended. */
  @ApiInstant() overdueAt!: string;
  /** Login subject of whoever claimed it (a pseudonym for roles that see no personal data). */
  assignee!: string | null;
  links!: WorklistLinksView;
}

export class WorklistPage {
  items!: WorklistItemView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
  /** The instant open, snoozed and overdue were evaluated at (the first page's, when paging). */
  @ApiInstant() asOf!: string;
  /** The grace period after which an open item is overdue, an ISO-8601 duration. */
  overdueAfter!: string;
  /** The worklist reflects every event up to this position. */
  position!: string | null;
}
