import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { bullConnection, withTimeout } from './redis-connections';
import { FOLLOW_UP_QUEUE, TIMER_JOB, TIMER_JOB_OPTIONS, type TimerJobData } from './timer-jobs';
import { TimerNamespace, type TimerNamespaceInfo } from './timer-namespace';

const BATCH = 500;
const REDIS_TIMEOUT_MS = 3_000;

export interface TimerJob {
  jobId: string;
  /** The queue adds the installation id. */
  data: Omit<TimerJobData, 'installationId'>;
  delayMs: number;
}

interface OpenQueue {
  queue: Queue;
  connection: Redis;
  namespace: TimerNamespaceInfo;
}

/**
 * The follow-up timer queue, under this installation's prefix (TimerNamespace). Opened on first use,
 * so a process that never schedules never connects.
 */
@Injectable()
export class FollowUpQueue {
  private opening: Promise<OpenQueue> | undefined;
  private closed = false;
  private readonly readyListeners: Array<() => void> = [];
  private readonly logger = new Logger('FollowUpQueue');

  constructor(
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    private readonly namespace: TimerNamespace,
  ) {}

  async open(): Promise<Queue> {
    return (await this.opened()).queue;
  }

  /** The installation id and the prefix the queue uses. */
  async describe(): Promise<TimerNamespaceInfo & { name: string }> {
    return { ...(await this.opened()).namespace, name: FOLLOW_UP_QUEUE };
  }

  /** Called whenever the queue's Redis connection becomes ready again (a reconnect, Redis back). */
  onConnectionReady(listener: () => void): void {
    this.readyListeners.push(listener);
  }

  /** Adds timers in `addBulk` batches, each carrying this installation's id; an id BullMQ holds is left as it is. */
  async schedule(jobs: TimerJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const { queue, namespace } = await this.opened();
    for (let start = 0; start < jobs.length; start += BATCH) {
      const batch = jobs.slice(start, start + BATCH).map((job) => ({
        name: TIMER_JOB,
        data: { installationId: namespace.installationId, ...job.data },
        opts: { ...TIMER_JOB_OPTIONS, jobId: job.jobId, delay: Math.max(0, job.delayMs) },
      }));
      await withTimeout(queue.addBulk(batch), REDIS_TIMEOUT_MS, 'Scheduling follow-up timers');
    }
  }

  /**
   * Removes timers that no longer apply, if they are still waiting. Best effort: a timer that fires
   * anyway finds its rule no longer applies and raises nothing.
   */
  async unschedule(jobIds: string[]): Promise<void> {
    const queue = await this.open();
    await withTimeout(
      Promise.all(
        jobIds.map(async (jobId) => {
          const state = await queue.getJobState(jobId);
          if (state === 'delayed' || state === 'waiting') await queue.remove(jobId).catch(() => undefined);
        }),
      ),
      REDIS_TIMEOUT_MS,
      'Removing follow-up timers',
    );
  }

  /** Ids of every completed or failed timer job, in one round trip (read once per reconciliation). */
  async finishedJobIds(): Promise<Set<string>> {
    const queue = await this.open();
    const ids = await withTimeout(
      queue.getRanges(['completed', 'failed'], 0, -1),
      REDIS_TIMEOUT_MS,
      'Reading finished jobs',
    );
    return new Set(ids);
  }

  /** Removes those of the given jobs that failed: a later job of the same timer has succeeded. */
  async forgetFailed(jobIds: string[]): Promise<void> {
    const queue = await this.open();
    const forget = async () => {
      for (const jobId of jobIds)
        if ((await queue.getJobState(jobId)) === 'failed') await queue.remove(jobId);
    };
    await withTimeout(forget(), REDIS_TIMEOUT_MS, 'Removing settled failures');
  }

  async counts(): Promise<Record<string, number>> {
    const queue = await this.open();
    return withTimeout(queue.getJobCounts(), REDIS_TIMEOUT_MS, 'Counting jobs');
  }

  async failed(limit: number): Promise<Job[]> {
    const queue = await this.open();
    return withTimeout(queue.getFailed(0, limit - 1), REDIS_TIMEOUT_MS, 'Reading failed jobs');
  }

  /**
   * A small key saying "this Redis holds the reconciled timers of this installation". The reconciler
   * writes it; when it is gone, Redis lost its data (a restart without persistence, a flush), even
   * if no connection dropped, and a reconciliation must bring the timers back.
   */
  async markReconciled(present: boolean): Promise<void> {
    await this.withRedis('Marking the timers reconciled', async (redis, key) => {
      if (present) await redis.set(key('timers-reconciled'), new Date().toISOString());
      else await redis.del(key('timers-reconciled'));
    });
  }

  async isMarkedReconciled(): Promise<boolean> {
    const found = await this.withRedis('Checking the timers', (redis, key) =>
      redis.exists(key('timers-reconciled')),
    );
    return found === 1;
  }

  /**
   * Runs plain Redis commands on the queue's connection, once it is ready, within the usual timeout.
   * `key(name)` names a key of this installation beside the queue's: `<prefix>:<name>:<installation id>`.
   */
  async withRedis<T>(
    what: string,
    run: (redis: Redis, key: (name: string) => string) => Promise<T>,
  ): Promise<T> {
    const { queue, connection, namespace } = await this.opened();
    const key = (name: string) => `${namespace.prefix}:${name}:${namespace.installationId}`;
    const attempt = async () => {
      await queue.waitUntilReady();
      return run(connection, key);
    };
    return withTimeout(attempt(), REDIS_TIMEOUT_MS, what);
  }

  /** Called last at shutdown (by FollowUpRuntime), after the scheduler and worker stopped. */
  async close(): Promise<void> {
    this.closed = true;
    const opened = await this.opening?.catch(() => undefined);
    this.opening = undefined;
    if (!opened) return;
    await opened.queue.close().catch(() => undefined);
    opened.connection.disconnect();
  }

  private opened(): Promise<OpenQueue> {
    if (this.closed) return Promise.reject(new Error('The follow-up queue is closed'));
    this.opening ??= this.namespace.resolve().then(
      (namespace) => {
        const connection = bullConnection(this.config.redisUrl, 'producer', namespace.prefix);
        connection.on('ready', () => this.readyListeners.forEach((listener) => listener()));
        const queue = new Queue(FOLLOW_UP_QUEUE, { connection, prefix: namespace.prefix });
        queue.on('error', (error) => this.logger.debug(`Queue error: ${error.message}`));
        return { queue, connection, namespace };
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }
}
