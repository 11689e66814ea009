import { Inject, Injectable, Logger } from '@nestjs/common';
import { Worker } from 'bullmq';
import type Redis from 'ioredis';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { bullConnection } from '../queue/redis-connections';
import { FOLLOW_UP_QUEUE, parseTimerJob } from '../queue/timer-jobs';
import { RaiseFollowUpWhenTimerFires } from './raise-follow-up-when-timer-fires';

const CONCURRENCY = 5;

/**
 * The BullMQ worker for timer jobs. A job that throws is retried with backoff (see TIMER_JOB_OPTIONS)
 * and, after its last attempt, stays in the failed set with its reason.
 */
@Injectable()
export class TimerWorker {
  private running: { worker: Worker; connection: Redis } | undefined;
  private readonly logger = new Logger('raise-follow-up-when-timer-fires');

  constructor(
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    private readonly reactor: RaiseFollowUpWhenTimerFires,
  ) {}

  start(): void {
    if (this.running) return;
    const connection = bullConnection(this.config.redisUrl, 'worker');
    const worker = new Worker(FOLLOW_UP_QUEUE, (job) => this.reactor.handle(parseTimerJob(job.data)), {
      connection,
      prefix: this.config.queuePrefix,
      concurrency: CONCURRENCY,
    });
    worker.on('error', (error) => this.logger.debug(`Worker error: ${error.message}`));
    worker.on('failed', (job, error) =>
      this.logger.warn(`Timer ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
    );
    this.running = { worker, connection };
  }

  /** Waits for jobs in progress to finish, then disconnects. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const { worker, connection } = this.running;
    this.running = undefined;
    await worker.close().catch(() => undefined);
    connection.disconnect();
  }
}
