import { UnrecoverableError, type JobsOptions } from 'bullmq';

/** One queue for the automatic attendance checks and the monthly attendance sweep. */
export const ATTENDANCE_QUEUE = 'attendance-checks';
export const CHECK_JOB = 'attendance-check';
export const SWEEP_JOB = 'attendance-sweep';
/** The monthly sweep's job scheduler: every process upserts the same id, BullMQ keeps one schedule. */
export const ATTENDANCE_SWEEP_SCHEDULER_ID = 'attendance-monthly';
/** The 8th of every month at 03:30 in `LEAP_TIME_ZONE`: a week after the month ended (the rule's default grace). */
export const ATTENDANCE_SWEEP_PATTERN = '30 3 8 * *';

/**
 * What a check job carries: pseudonymous ids and codes only. The worker re-reads the case and the
 * attendance stream; the revision only makes the job id (a re-import that changed the stream makes
 * a new job; re-queueing the same state names the same job, which BullMQ keeps once).
 */
export interface CheckJobData {
  installationId: string;
  caseId: string;
  /** The student's pseudonym. */
  student: string;
  schoolYear: string;
  /** `YYYY-MM`. */
  month: string;
  /** Revision of `attendance-<student>-<schoolYear>` the job was queued for. */
  attendanceRevision: number;
}

export interface SweepJobData {
  installationId: string;
}

/**
 * `ac__<caseId>__<month>__r<revision>` for an ended month; `ac__<caseId>__<month>__end` while the
 * month is still running: every import during the month names that one delayed job, which runs once
 * the month has ended and reads the month as it is then. BullMQ ids may not contain `:`.
 */
export const checkJobId = (
  job: Pick<CheckJobData, 'caseId' | 'month' | 'attendanceRevision'>,
  monthEnded = true,
): string =>
  `ac__${job.caseId.replaceAll(':', '_')}__${job.month}__${monthEnded ? `r${job.attendanceRevision}` : 'end'}`;

/**
 * Completed check jobs are removed: a later sweep may queue the same id again (a job BullMQ still
 * holds would be ignored), and the decider appends nothing for a month already checked with the same
 * figures. Failures stay a month for `GET /v1/queues`-style inspection.
 */
export const CHECK_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function parseCheckJob(data: unknown, installationId: string): CheckJobData {
  const d = (data ?? {}) as Partial<Record<keyof CheckJobData, unknown>>;
  const text = (value: unknown) => typeof value === 'string' && value.length > 0;
  if (
    !text(d.caseId) ||
    !text(d.student) ||
    !text(d.schoolYear) ||
    !/^\d{4}-\d{2}$/.test(String(d.month)) ||
    !Number.isInteger(d.attendanceRevision)
  ) {
    throw new UnrecoverableError(`Malformed attendance check job: ${JSON.stringify(data)}`);
  }
  if (d.installationId !== installationId) {
    throw new UnrecoverableError(
      `Attendance job of installation ${String(d.installationId)}, not ${installationId}`,
    );
  }
  return d as CheckJobData;
}
