import { ApiInstant, ApiInteger } from '@leap/http';
import { CaseView } from './case-view.dto';

/** Who recorded an event and within which command (logins are pseudonyms for roles without personal data). */
export class HistoryMetadataView {
  actorId!: string;
  /** A role, or `system` for follow-up timers. */
  actorRole!: string;
  districtId!: string | null;
  schoolId!: string | null;
  commandId!: string;
  commandType!: string;
  /** `X-Correlation-Id`, or the command id. Chosen by clients: absent for roles that see no free text. */
  correlationId?: string;
  /** `X-Causation-Id`, or the command id. Chosen by clients: absent for roles that see no free text. */
  causationId?: string;
  /** The caller's `Idempotency-Key`, when it sent one. Absent for roles that see no free text. */
  idempotencyKey?: string;
}

export class HistoryEventView {
  /** Versioned event type, e.g. `VisitHeld.v2` (earlier versions are shown as the current one). */
  type!: string;
  @ApiInteger() revision!: number;
  position!: string;
  /** When the system recorded it (recorded time; business dates are in `data`). */
  @ApiInstant() recordedAt!: string;
  /** The event's data as recorded, without personal data and free text for roles that see none. */
  data!: Record<string, unknown>;
  metadata!: HistoryMetadataView;
}

/**
 * The whole history (`state` present), or one page of it (`fromRevision`, `limit` and `next`
 * present, no `state`).
 */
export class CaseHistoryView {
  caseId!: string;
  /** The `knownAt` asked for, or null for the history up to now. */
  @ApiInstant() asOf!: string | null;
  /** Events recorded up to `asOf`, in order (on a page: those of its revisions). */
  events!: HistoryEventView[];
  /** The whole history only: the case as the system knew it then; null when it did not know the case yet. */
  state?: CaseView | null;
  /** A page only: its first revision. */
  @ApiInteger() fromRevision?: number;
  /** A page only: how many revisions it spans at most. */
  @ApiInteger() limit?: number;
  /** A page only: the link (path and query) to the next page; null on the last page. */
  next?: string | null;
}

export class CaseAccessView {
  @ApiInstant() at!: string;
  /** The reader's login (a pseudonym for roles that see no personal data). */
  actorId!: string;
  actorRole!: string;
  /** Method and route pattern, e.g. `GET /v1/cases/:caseId/history` or `GET /v1/cases` (a list). */
  route!: string;
  /** `served`: the answer carried the case's personal data; `refused`: the reader was answered 404. */
  outcome!: 'served' | 'refused';
}

export class CaseAccessLogView {
  caseId!: string;
  accesses!: CaseAccessView[];
}
