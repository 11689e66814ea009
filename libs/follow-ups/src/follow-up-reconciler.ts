import { Injectable, Logger } from '@nestjs/common';
import { CaseDirectory } from './planning/case-directory';
import { FollowUpPlanner, type PlanResult } from './planning/follow-up-planner';

const BATCH = 500;

/**
 * Redis is not a source of truth. The reconciler re-derives every pending timer of every known case
 * from the event store and schedules it again (deterministic job ids make that a no-op for timers
 * Redis still holds), so timers lost with Redis's data, or never scheduled while Redis was down, come
 * back. It runs once the scheduler has caught up at start-up, then every `reconcileEveryMs`.
 */
@Injectable()
export class FollowUpReconciler {
  private readonly logger = new Logger('FollowUpReconciler');
  private running: Promise<PlanResult> | undefined;

  constructor(
    private readonly directory: CaseDirectory,
    private readonly planner: FollowUpPlanner,
  ) {}

  /** Plans every known case; concurrent calls share one run. */
  reconcileAll(): Promise<PlanResult> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<PlanResult> {
    const caseIds = this.directory.all();
    const total: PlanResult = { cases: 0, timers: 0 };
    for (let start = 0; start < caseIds.length; start += BATCH) {
      const result = await this.planner.plan(caseIds.slice(start, start + BATCH), { everything: true });
      total.cases += result.cases;
      total.timers += result.timers;
    }
    this.logger.log(`Reconciled ${total.cases} case(s): ${total.timers} pending timer(s) scheduled`);
    return total;
  }
}
