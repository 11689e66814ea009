import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { bullConnection, withTimeout } from './redis-connections';
import { FOLLOW_UP_QUEUE, TIMER_JOB, TIMER_JOB_OPTIONS, type TimerJobData } from './timer-jobs';

const BATCH = 500;
const REDIS_TIMEOUT_MS = 3_000;

export interface TimerJob {
  jobId: string;
  data: TimerJobData;
  delayMs: number;
}

/** The follow-up timer queue. Opened on first use, so a process that never schedules never connects. */
@Injectable()
export class FollowUpQueue {
  private opened: { queue: Queue; connection: Redis } | undefined;
  private closed = false;
  private readonly logger = new Logger('FollowUpQueue');

  constructor(@Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig) {}

  get queue(): Queue {
    if (this.closed) throw new Error('The follow-up queue is closed');
    if (!this.opened) {
      const connection = bullConnection(this.config.redisUrl, 'producer');
      const queue = new Queue(FOLLOW_UP_QUEUE, { connection, prefix: this.config.queuePrefix });
      queue.on('error', (error) => this.logger.debug(`Queue error: ${error.message}`));
      this.opened = { queue, connection };
    }
    return this.opened.queue;
  }

  /** Adds timers in `addBulk` batches; a job id already present is left as it is. */
  async schedule(jobs: TimerJob[]): Promise<void> {
    for (let start = 0; start < jobs.length; start += BATCH) {
      const batch = jobs.slice(start, start + BATCH).map((job) => ({
        name: TIMER_JOB,
        data: job.data,
        opts: { ...TIMER_JOB_OPTIONS, jobId: job.jobId, delay: Math.max(0, job.delayMs) },
      }));
      await withTimeout(this.queue.addBulk(batch), REDIS_TIMEOUT_MS, 'Scheduling follow-up timers');
    }
  }

  /**
   * Removes timers that no longer apply, if they are still waiting. Best effort: a timer that fires
   * anyway finds its rule no longer applies and raises nothing.
   */
  async unschedule(jobIds: string[]): Promise<void> {
    await withTimeout(
      Promise.all(
        jobIds.map(async (jobId) => {
          const job = await this.queue.getJob(jobId);
          const state = await job?.getState();
          if (job && (state === 'delayed' || state === 'waiting')) await job.remove().catch(() => undefined);
        }),
      ),
      REDIS_TIMEOUT_MS,
      'Removing follow-up timers',
    );
  }

  async counts(): Promise<Record<string, number>> {
    return withTimeout(this.queue.getJobCounts(), REDIS_TIMEOUT_MS, 'Counting jobs');
  }

  async failed(limit: number): Promise<Job[]> {
    return withTimeout(this.queue.getFailed(0, limit - 1), REDIS_TIMEOUT_MS, 'Reading failed jobs');
  }

  /** Called last at shutdown (by FollowUpRuntime), after the scheduler and worker stopped. */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.opened) return;
    const { queue, connection } = this.opened;
    this.opened = undefined;
    await queue.close().catch(() => undefined);
    connection.disconnect();
  }
}
