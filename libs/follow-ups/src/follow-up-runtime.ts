import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AttendanceQueue } from './attendance-checks/attendance-queue';
import { CheckAttendanceWhenMonthImported } from './attendance-checks/check-attendance-when-month-imported';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from './follow-up-config';
import { FollowUpReconciler } from './follow-up-reconciler';
import { FollowUpQueue } from './queue/follow-up-queue';
import { TimerWorker } from './raise-follow-up-when-timer-fires/timer-worker';
import { RedisLossWatch } from './redis-loss-watch';
import { DirtyCases } from './schedule-follow-ups-when-case-changed/dirty-cases';
import { ScheduleFollowUpsWhenCaseChanged } from './schedule-follow-ups-when-case-changed/schedule-follow-ups-when-case-changed';

/**
 * Starts the follow-up machinery with the application and stops it before the event store closes:
 * the watch and the scheduler first, then the worker (letting jobs in progress finish), then the queue.
 * Start-up never waits for Redis: the API serves commands whether or not Redis is reachable.
 */
@Injectable()
export class FollowUpRuntime implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('FollowUps');
  private interval: NodeJS.Timeout | undefined;

  constructor(
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    private readonly scheduler: ScheduleFollowUpsWhenCaseChanged,
    private readonly dirty: DirtyCases,
    private readonly reconciler: FollowUpReconciler,
    private readonly worker: TimerWorker,
    private readonly queue: FollowUpQueue,
    private readonly watch: RedisLossWatch,
    private readonly attendance: AttendanceQueue,
    private readonly attendanceImported: CheckAttendanceWhenMonthImported,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    this.worker.start();
    this.attendanceImported.start();
    this.attendance
      .startWorker()
      .then(() => this.attendance.reconcileChecks())
      .catch((error: Error) =>
        this.logger.warn(`Attendance checks not set up (${error.message}); the monthly sweep retries`),
      );
    this.scheduler.start(async () => {
      this.dirty.clear();
      try {
        await this.reconciler.reconcileAll();
      } finally {
        this.watch.start();
      }
    });
    this.interval = setInterval(() => {
      this.reconciler
        .reconcileAll()
        .catch((error: Error) => this.logger.warn(`Reconciliation failed: ${error.message}`));
    }, this.config.reconcileEveryMs);
    this.interval.unref();
    this.queue.describe().then(
      ({ prefix, installationId }) =>
        this.logger.log(
          `Follow-ups running (installation ${installationId}, queue prefix ${prefix}, reconciling every ${this.config.reconcileEveryMs} ms)`,
        ),
      () => undefined,
    );
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.interval);
    this.watch.stop();
    await this.scheduler.stop();
    await this.attendanceImported.stop();
    await this.worker.stop();
    await this.attendance.close();
    await this.queue.close();
  }
}
