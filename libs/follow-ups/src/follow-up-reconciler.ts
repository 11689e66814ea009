import { Injectable, Logger } from '@nestjs/common';
import { CaseDirectory } from './planning/case-directory';
import { FollowUpPlanner, type PlanResult } from './planning/follow-up-planner';
import { PlanningFailures } from './planning/planning-failures';
import { FollowUpQueue } from './queue/follow-up-queue';

const BATCH = 500;

/**
 * Redis is not a source of truth. The reconciler re-derives every pending timer of every known case
 * from the event store and schedules it again, so timers lost with Redis's data, never scheduled
 * while Redis was down, or whose job finished without raising the follow-up (failed past its
 * attempts, say) come back. Deterministic job ids make it a no-op for timers Redis still holds; the
 * ids of finished jobs are read once per run, so a run costs one round trip per 500 cases.
 *
 * It runs once the scheduler has caught up at start-up, every `reconcileEveryMs`, and whenever
 * Redis comes back or turns out to have lost its data (RedisLossWatch).
 */
@Injectable()
export class FollowUpReconciler {
  private readonly logger = new Logger('FollowUpReconciler');
  private running: Promise<PlanResult> | undefined;

  constructor(
    private readonly directory: CaseDirectory,
    private readonly planner: FollowUpPlanner,
    private readonly queue: FollowUpQueue,
    private readonly failures: PlanningFailures,
  ) {}

  /** Plans every known case; concurrent calls share one run. */
  reconcileAll(): Promise<PlanResult> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<PlanResult> {
    const caseIds = this.directory.all();
    const total: PlanResult = { cases: 0, timers: 0, retried: 0 };
    // Marked first: should Redis lose its data during the run, the mark goes with it and is missed.
    await this.queue.markReconciled(true);
    try {
      await this.failures.startOver();
      const finished = await this.queue.finishedJobIds();
      for (let start = 0; start < caseIds.length; start += BATCH) {
        const result = await this.planner.plan(caseIds.slice(start, start + BATCH), { finished });
        total.cases += result.cases;
        total.timers += result.timers;
        total.retried += result.retried;
      }
    } catch (error) {
      await this.queue.markReconciled(false).catch(() => undefined);
      throw error;
    }
    this.logger.log(
      `Reconciled ${total.cases} case(s): ${total.timers} pending timer(s) scheduled, ` +
        `${total.retried} of them again after their job finished without raising the follow-up`,
    );
    return total;
  }
}
