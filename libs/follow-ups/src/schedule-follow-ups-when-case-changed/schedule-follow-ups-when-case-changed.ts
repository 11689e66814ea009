import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type AllSubscription, type EventStore, type RecordedEvent } from '@leap/event-store';
import { CASE_PREFIX, FOLLOW_UP_RULES_PREFIX } from '../follow-up-streams';
import { CaseDirectory } from '../planning/case-directory';
import { FollowUpPlanner } from '../planning/follow-up-planner';
import { DirtyCases } from './dirty-cases';

const RESUBSCRIBE_MS = 1_000;

/**
 * The process manager: follows `$all` (case and follow-up-rules streams) and re-plans the timers of
 * every case an event touches; a rules change re-plans every case of its district.
 *
 * No checkpoint: it subscribes from the beginning of `$all` on every boot. Its only output, timer
 * jobs with deterministic ids, is idempotent, so re-reading history re-schedules nothing twice, and a
 * checkpoint kept anywhere but in Redis could not vouch for jobs Redis may have lost anyway. The
 * catch-up fills the case directory; once caught up, the reconciler plans every case (the start-up
 * reconciliation) and live events are planned as they come, in batches.
 */
@Injectable()
export class ScheduleFollowUpsWhenCaseChanged {
  private readonly logger = new Logger('schedule-follow-ups-when-case-changed');
  private subscription: AllSubscription | undefined;
  private stopped = true;
  private onCaughtUp: () => Promise<void> = async () => undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: CaseDirectory,
    private readonly planner: FollowUpPlanner,
    private readonly dirty: DirtyCases,
  ) {}

  /** Starts following `$all`; `onCaughtUp` runs once history has been read (before live planning starts). */
  start(onCaughtUp: () => Promise<void>): void {
    this.onCaughtUp = onCaughtUp;
    this.stopped = false;
    this.dirty.start((caseIds) => this.planner.plan(caseIds));
    void this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.dirty.stop();
    await this.subscription?.close();
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      const subscription = this.store.subscribeToAll({
        filter: { streamPrefixes: [CASE_PREFIX, FOLLOW_UP_RULES_PREFIX] },
      });
      this.subscription = subscription;
      void subscription.caughtUp.then(
        () => this.caughtUp(),
        () => undefined,
      );
      try {
        for await (const event of subscription) this.handle(event);
      } catch (error) {
        if (!this.stopped)
          this.logger.warn(`Subscription to $all ended: ${(error as Error).message}; resubscribing`);
      }
      await subscription.close().catch(() => undefined);
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_MS));
    }
  }

  private async caughtUp(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.onCaughtUp();
    } catch (error) {
      this.logger.warn(
        `Start-up reconciliation failed: ${(error as Error).message}; the periodic one will retry`,
      );
    }
    this.dirty.goLive();
  }

  private handle(event: RecordedEvent): void {
    if (event.streamId.startsWith(CASE_PREFIX)) {
      const caseId = event.streamId.slice(CASE_PREFIX.length);
      if (event.type === 'StudentIdentified.v2') this.directory.add(caseId, String(event.data.districtId));
      this.dirty.mark([caseId]);
    } else if (event.type === 'FollowUpRulesChanged.v1') {
      this.dirty.mark(this.directory.inDistrict(String(event.data.districtId)));
    }
  }
}
