import { isFollowUpRuleId, type FollowUpRuleId, type FollowUpTimer } from '@leap/domain';
import { UnrecoverableError, type JobsOptions } from 'bullmq';

export const FOLLOW_UP_QUEUE = 'follow-ups';
export const TIMER_JOB = 'follow-up-timer';

/** What a timer job carries: enough to find the timer again; the worker re-derives everything else. */
export interface TimerJobData {
  /** The installation whose event store holds the case; a worker of another one refuses the job. */
  installationId: string;
  caseId: string;
  ruleId: FollowUpRuleId;
  triggerEventId: string;
  dueAt: string;
  /** Which of the timer's jobs this is (see `timerJobId`). */
  generation: number;
}

type TimerRef = Pick<FollowUpTimer, 'ruleId' | 'triggerEventId' | 'dueAt'>;

/**
 * A timer's deterministic key, `fu__<caseId>__<ruleId>__<triggerEventId>__<dueAt ms>`: scheduling the
 * same timer again (a replay, a retry, another process) names the same jobs; a changed threshold
 * moves `dueAt` and so makes a new timer. BullMQ ids may not contain `:` nor be integers.
 */
export function timerKey(caseId: string, timer: TimerRef): string {
  const parts = [caseId, timer.ruleId, timer.triggerEventId, String(Date.parse(timer.dueAt))];
  return `fu__${parts.map((part) => part.replaceAll(':', '_')).join('__')}`;
}

/**
 * The id of a timer's nth job: the key for the first, `<key>__g<n>` for the next ones.
 *
 * A timer whose job finished (failed past its attempts in a store outage, or completed without
 * raising anything) while the timer is still pending must run again, yet BullMQ silently ignores
 * `add` for an id it still holds, finished jobs included. Rather than removing the finished job and
 * re-adding its id, the reconciler schedules the next generation:
 * - a failed job and its reason stay in `GET /v1/queues` until a later generation succeeds (which
 *   removes it); removing it first would hide the failure while the retry is still pending;
 * - ids stay deterministic: the next generation is the first whose id is not among the finished
 *   jobs, so processes reconciling at once name the same job and BullMQ keeps one;
 * - there is no moment between a remove and an add at which the timer has no job at all.
 */
export function timerJobId(key: string, generation: number): string {
  return generation <= 1 ? key : `${key}__g${generation}`;
}

/** The generation to schedule: the first whose job has not finished. */
export function nextGeneration(key: string, finished: ReadonlySet<string>): number {
  let generation = 1;
  while (finished.has(timerJobId(key, generation))) generation++;
  return generation;
}

/**
 * Retries back off exponentially (1, 2, 4, 8 s); a job that still fails stays in the failed set for
 * 30 days (or until a later generation of its timer succeeds) so `GET /v1/queues` shows it. Completed
 * jobs may go: a follow-up is never raised twice because its event id and the decider guard that,
 * not the job's presence in Redis.
 */
export const TIMER_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function parseTimerJob(data: unknown): TimerJobData {
  const d = (data ?? {}) as Partial<Record<keyof TimerJobData, unknown>>;
  const text = (value: unknown) => typeof value === 'string' && value.length > 0;
  if (!text(d.caseId) || !text(d.triggerEventId) || !text(d.dueAt) || typeof d.ruleId !== 'string') {
    throw new Error(`Malformed timer job: ${JSON.stringify(data)}`);
  }
  if (!isFollowUpRuleId(d.ruleId)) throw new Error(`Unknown follow-up rule ${d.ruleId}`);
  if (!text(d.installationId)) throw new Error('Timer job without an installation id');
  const generation = Number.isInteger(d.generation) && (d.generation as number) > 0 ? d.generation : 1;
  return { ...(d as TimerJobData), generation: generation as number };
}

/**
 * Refuses a job another installation scheduled (only possible when installations share a
 * `LEAP_QUEUE_PREFIX`): its case is not in this event store, so completing it would silently drop
 * the other installation's follow-up. Failing it at once, without retries, leaves it in the failed
 * set for operators to see.
 */
export function assertOwnTimer(timer: TimerJobData, installationId: string): void {
  if (timer.installationId !== installationId) {
    throw new UnrecoverableError(
      `Timer of installation ${timer.installationId}, not of this one (${installationId}): refused`,
    );
  }
}
