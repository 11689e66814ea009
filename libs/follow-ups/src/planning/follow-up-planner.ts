import { Inject, Injectable } from '@nestjs/common';
import { dueTimers, type FollowUpRules } from '@leap/domain';
import { CLOCK, type Clock } from '../clock';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { FollowUpQueue, type TimerJob } from '../queue/follow-up-queue';
import { timerJobId } from '../queue/timer-jobs';
import { FollowUpFactsReader } from './follow-up-facts.reader';

export interface PlanResult {
  cases: number;
  /** Timer jobs handed to BullMQ (those already present are ignored by it). */
  timers: number;
}

/**
 * Turns cases into timer jobs: reads each case and its district's rules from the event store,
 * computes the pending timers, and schedules them with deterministic job ids, so planning a case
 * any number of times (every event, every reconciliation, every process) yields the same jobs.
 * Timers that disappeared since this process last planned the case are unscheduled.
 */
@Injectable()
export class FollowUpPlanner {
  /** Job ids this process last scheduled per case, to unschedule timers that no longer apply. */
  private readonly planned = new Map<string, Set<string>>();

  constructor(
    private readonly reader: FollowUpFactsReader,
    private readonly queue: FollowUpQueue,
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * @param everything also hand BullMQ the timers this process already scheduled (the reconciler:
   *   Redis may have lost them). Planning on case events sends only timers that are new.
   */
  async plan(caseIds: string[], { everything = false } = {}): Promise<PlanResult> {
    const rulesOf = new Map<string, Promise<FollowUpRules>>();
    const now = this.clock.now().getTime();
    const jobs: TimerJob[] = [];
    const obsolete: string[] = [];
    const nextPlanned = new Map<string, Set<string>>();
    for (const caseId of caseIds) {
      const { facts } = await this.reader.caseFacts(caseId);
      if (facts.state.status === 'none') continue;
      const districtId = facts.state.districtId;
      if (!rulesOf.has(districtId))
        rulesOf.set(
          districtId,
          this.reader.rules(districtId).then((r) => r.rules),
        );
      const timers = dueTimers(facts, await rulesOf.get(districtId)!, this.config.timeZone);
      const ids = new Set<string>();
      for (const timer of timers) {
        // Far-off timers wait for a reconciliation closer to their time (see scheduleHorizonMs).
        if (Date.parse(timer.dueAt) - now > this.config.scheduleHorizonMs) continue;
        const jobId = timerJobId(caseId, timer);
        ids.add(jobId);
        if (!everything && this.planned.get(caseId)?.has(jobId)) continue;
        const { ruleId, triggerEventId, dueAt } = timer;
        jobs.push({
          jobId,
          data: { caseId, ruleId, triggerEventId, dueAt },
          delayMs: Date.parse(dueAt) - now,
        });
      }
      for (const jobId of this.planned.get(caseId) ?? []) if (!ids.has(jobId)) obsolete.push(jobId);
      nextPlanned.set(caseId, ids);
    }
    await this.queue.schedule(jobs);
    // Only once scheduling succeeded: a failed plan is retried from the previous knowledge.
    for (const [caseId, ids] of nextPlanned) this.planned.set(caseId, ids);
    if (obsolete.length > 0) await this.queue.unschedule(obsolete);
    return { cases: nextPlanned.size, timers: jobs.length };
  }
}
