import { isFollowUpRuleId, type FollowUpRuleId, type FollowUpTimer } from '@leap/domain';
import type { JobsOptions } from 'bullmq';

export const FOLLOW_UP_QUEUE = 'follow-ups';
export const TIMER_JOB = 'follow-up-timer';

/** What a timer job carries: enough to find the timer again; the worker re-derives everything else. */
export interface TimerJobData {
  caseId: string;
  ruleId: FollowUpRuleId;
  triggerEventId: string;
  dueAt: string;
}

/**
 * Deterministic job id: `fu__<caseId>__<ruleId>__<triggerEventId>__<dueAt ms>`. Scheduling the same
 * timer again (a replay, a retry, the reconciler) is ignored by BullMQ while the job exists; a changed
 * threshold moves `dueAt` and so makes a new job. BullMQ ids may not contain `:` nor be integers.
 */
export function timerJobId(
  caseId: string,
  timer: Pick<FollowUpTimer, 'ruleId' | 'triggerEventId' | 'dueAt'>,
): string {
  const parts = [caseId, timer.ruleId, timer.triggerEventId, String(Date.parse(timer.dueAt))];
  return `fu__${parts.map((part) => part.replaceAll(':', '_')).join('__')}`;
}

/**
 * Retries back off exponentially (1, 2, 4, 8 s); a job that still fails stays in the failed set for
 * 30 days so `GET /v1/queues` shows it. Completed jobs may go: a follow-up is never raised twice
 * because its event id and the decider guard that, not the job's presence in Redis.
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
  return d as TimerJobData;
}
