import { Inject, Injectable, Logger } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { FollowUpQueue } from '../queue/follow-up-queue';
import { bullConnection } from '../queue/redis-connections';
import { assertOwnTimer, FOLLOW_UP_QUEUE, parseTimerJob, timerJobId, timerKey } from '../queue/timer-jobs';
import { TimerNamespace } from '../queue/timer-namespace';
import { RaiseFollowUpWhenTimerFires, type TimerOutcome } from './raise-follow-up-when-timer-fires';

const CONCURRENCY = 5;
const RETRY_MS = 2_000;

/**
 * The BullMQ worker for timer jobs, on this installation's queue (TimerNamespace: it waits until the
 * event store answers with the installation id). A job that throws is retried with backoff (see
 * TIMER_JOB_OPTIONS) and, after its last attempt, stays in the failed set with its reason until a
 * later generation of the same timer succeeds and removes it. A job of another installation is
 * refused at once (`assertOwnTimer`).
 */
@Injectable()
export class TimerWorker {
  private running: { worker: Worker; connection: Redis } | undefined;
  private starting: Promise<void> | undefined;
  private stopped = true;
  private wake: (() => void) | undefined;
  private readonly logger = new Logger('raise-follow-up-when-timer-fires');

  constructor(
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    private readonly namespace: TimerNamespace,
    private readonly queue: FollowUpQueue,
    private readonly reactor: RaiseFollowUpWhenTimerFires,
  ) {}

  start(): void {
    if (this.starting) return;
    this.stopped = false;
    this.starting = this.open();
  }

  /** Waits for jobs in progress to finish, then disconnects. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.starting;
    this.starting = undefined;
    if (!this.running) return;
    const { worker, connection } = this.running;
    this.running = undefined;
    await worker.close().catch(() => undefined);
    connection.disconnect();
  }

  private async open(): Promise<void> {
    while (!this.stopped) {
      try {
        const { installationId, prefix } = await this.namespace.resolve();
        if (this.stopped) return;
        const connection = bullConnection(this.config.redisUrl, 'worker', prefix);
        const worker = new Worker(FOLLOW_UP_QUEUE, (job) => this.process(job, installationId), {
          connection,
          prefix,
          concurrency: CONCURRENCY,
        });
        worker.on('error', (error) => this.logger.debug(`Worker error: ${error.message}`));
        worker.on('failed', (job, error) =>
          this.logger.warn(`Timer ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
        );
        this.running = { worker, connection };
        return;
      } catch (error) {
        this.logger.warn(`Installation id unavailable (${(error as Error).message}); retrying`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, RETRY_MS);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async process(job: Job, installationId: string): Promise<TimerOutcome> {
    const timer = parseTimerJob(job.data);
    assertOwnTimer(timer, installationId);
    const outcome = await this.reactor.handle(timer);
    // Earlier generations that failed are settled now: they leave the failed set.
    const key = timerKey(timer.caseId, timer);
    const earlier = Array.from({ length: timer.generation - 1 }, (_, i) => timerJobId(key, i + 1));
    await this.queue
      .forgetFailed(earlier)
      .catch((error: Error) => this.logger.warn(`Could not clear earlier failures: ${error.message}`));
    return outcome;
  }
}
