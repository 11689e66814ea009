import { Inject, Injectable } from '@nestjs/common';
import { dueTimers, type FollowUpRules, type FollowUpTimer } from '@leap/domain';
import { EventStoreUnavailableError } from '@leap/event-store';
import { CLOCK, type Clock } from '../clock';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { FollowUpQueue, type TimerJob } from '../queue/follow-up-queue';
import { nextGeneration, timerJobId, timerKey } from '../queue/timer-jobs';
import { FollowUpFactsReader } from './follow-up-facts.reader';
import { PlanningFailures } from './planning-failures';

export interface PlanResult {
  cases: number;
  /** Timer jobs handed to BullMQ (those already present are ignored by it). */
  timers: number;
  /** Of those, timers scheduled again because an earlier job of theirs finished without raising them. */
  retried: number;
}

export interface PlanOptions {
  /**
   * Reconciling: the ids of finished (completed or failed) jobs, read once per reconciliation. Every
   * pending timer is then handed to BullMQ, not only new ones (Redis may have lost them), under the
   * id of its first generation that has not finished (see `timerJobId`).
   */
  finished?: ReadonlySet<string>;
}

/**
 * Turns cases into timer jobs: reads each case and its district's rules from the event store,
 * computes the pending timers, and schedules them with deterministic job ids, so planning a case
 * any number of times (every event, every reconciliation, every process) yields the same jobs.
 * Timers that disappeared since this process last planned the case are unscheduled.
 *
 * A case that cannot be planned is recorded (PlanningFailures) and skipped: one case, or one
 * district's rules, never holds up the others. Only an unreachable event store fails the whole plan,
 * which is then retried as a whole.
 */
@Injectable()
export class FollowUpPlanner {
  /** Per case, the job id this process last scheduled for each timer key, to skip or unschedule it. */
  private readonly planned = new Map<string, Map<string, string>>();

  constructor(
    private readonly reader: FollowUpFactsReader,
    private readonly queue: FollowUpQueue,
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly failures: PlanningFailures,
  ) {}

  async plan(caseIds: string[], { finished }: PlanOptions = {}): Promise<PlanResult> {
    const rulesOf = new Map<string, Promise<FollowUpRules>>();
    const now = this.clock.now().getTime();
    const jobs: TimerJob[] = [];
    const obsolete: string[] = [];
    const nextPlanned = new Map<string, Map<string, string>>();
    let retried = 0;
    for (const caseId of caseIds) {
      const timers = await this.pendingTimers(caseId, rulesOf);
      if (timers === null) continue;
      const previous = this.planned.get(caseId);
      const ids = new Map<string, string>();
      for (const timer of timers) {
        // Far-off timers wait for a reconciliation closer to their time (see scheduleHorizonMs).
        if (Date.parse(timer.dueAt) - now > this.config.scheduleHorizonMs) continue;
        const key = timerKey(caseId, timer);
        const known = previous?.get(key);
        if (known !== undefined && finished === undefined) {
          ids.set(key, known);
          continue;
        }
        const generation = finished === undefined ? 1 : nextGeneration(key, finished);
        if (generation > 1) retried++;
        const jobId = timerJobId(key, generation);
        ids.set(key, jobId);
        const { ruleId, triggerEventId, dueAt } = timer;
        jobs.push({
          jobId,
          data: { caseId, ruleId, triggerEventId, dueAt, generation },
          delayMs: Date.parse(dueAt) - now,
        });
      }
      for (const [key, jobId] of previous ?? []) if (!ids.has(key)) obsolete.push(jobId);
      nextPlanned.set(caseId, ids);
    }
    await this.queue.schedule(jobs);
    // Only once scheduling succeeded: a failed plan is retried from the previous knowledge.
    for (const [caseId, ids] of nextPlanned) this.planned.set(caseId, ids);
    if (obsolete.length > 0) await this.queue.unschedule(obsolete);
    return { cases: nextPlanned.size, timers: jobs.length, retried };
  }

  /** The case's pending timers; null when there is no such case or it cannot be planned (recorded). */
  private async pendingTimers(
    caseId: string,
    rulesOf: Map<string, Promise<FollowUpRules>>,
  ): Promise<FollowUpTimer[] | null> {
    let districtId: string | null = null;
    try {
      const { facts } = await this.reader.caseFacts(caseId);
      if (facts.state.status === 'none') return null;
      districtId = facts.state.districtId;
      if (!rulesOf.has(districtId))
        rulesOf.set(
          districtId,
          this.reader.rules(districtId).then((r) => r.rules),
        );
      const timers = dueTimers(facts, await rulesOf.get(districtId)!, this.config.timeZone);
      this.failures.planned(caseId);
      return timers;
    } catch (error) {
      if (error instanceof EventStoreUnavailableError) throw error;
      this.failures.record(caseId, districtId, error, this.clock.now());
      return null;
    }
  }
}
