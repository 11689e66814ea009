import { ApiInstant, ApiInteger } from '@leap/http';

export class FailedJobView {
  jobId!: string | null;
  /** The job's name: which timer it is. */
  name!: string;
  /** The job's data: case, rule, trigger and installation ids; no personal data. */
  data!: Record<string, unknown>;
  failedReason!: string;
  @ApiInteger() attemptsMade!: number;
  @ApiInstant() failedAt!: string | null;
}

export class QueueView {
  name!: string;
  /** BullMQ key prefix. */
  prefix!: string;
  /** Jobs per BullMQ state (`waiting`, `delayed`, `active`, `completed`, `failed`, ...). */
  counts!: Record<string, number>;
  /** The most recent failed jobs, at most 50. */
  failed!: FailedJobView[];
}

export class PlanningFailureView {
  caseId!: string;
  /** Null when the case itself could not be read. */
  districtId!: string | null;
  /** The error's name and message. */
  error!: string;
  @ApiInstant() at!: string;
}

export class PlanningView {
  /** Cases whose last planning failed (each is tried again at its next event or reconciliation). */
  @ApiInteger() failingCases!: number;
  /** Failed plannings recorded since Redis last lost its data. */
  @ApiInteger() failures!: number;
  lastFailure!: PlanningFailureView | null;
}

export class QueuesView {
  /** The installation the event store belongs to; every timer job carries it. */
  installationId!: string;
  queues!: QueueView[];
  /** Cases whose follow-up timers could not be planned. */
  planning!: PlanningView;
}
