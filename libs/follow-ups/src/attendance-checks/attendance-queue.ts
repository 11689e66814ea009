import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { dayAfterMonth, startOfDate } from '@leap/domain';
import { CLOCK, type Clock } from '../clock';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { bullConnection, withTimeout } from '../queue/redis-connections';
import { TimerNamespace } from '../queue/timer-namespace';
import {
  ATTENDANCE_QUEUE,
  ATTENDANCE_SWEEP_PATTERN,
  ATTENDANCE_SWEEP_SCHEDULER_ID,
  CHECK_JOB,
  CHECK_JOB_OPTIONS,
  checkJobId,
  parseCheckJob,
  SWEEP_JOB,
  type CheckJobData,
  type SweepJobData,
} from './attendance-jobs';
import { AttendanceSweep, type CheckToQueue } from './attendance-sweep';
import { RecordAttendanceCheck } from './record-attendance-check';

const REDIS_TIMEOUT_MS = 3_000;

interface OpenQueue {
  queue: Queue;
  connection: Redis;
  installationId: string;
  prefix: string;
}

/**
 * The attendance queue on this installation's prefix: check jobs (one per case, month and
 * attendance revision, delayed until the month has ended) and the monthly sweep, a BullMQ job
 * scheduler that every worker process upserts at start-up under one id (BullMQ keeps one schedule).
 * Redis is not a source of truth here either: a lost check job is queued again by the next sweep.
 */
@Injectable()
export class AttendanceQueue {
  private readonly logger = new Logger('AttendanceQueue');
  private opening: Promise<OpenQueue> | undefined;
  private running: Promise<{ worker: Worker; connection: Redis }> | undefined;

  constructor(
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly namespace: TimerNamespace,
    private readonly checks: RecordAttendanceCheck,
    private readonly sweep: AttendanceSweep,
  ) {}

  /** The queue alone (producer side), opened on first use: an api-only process never runs its jobs. */
  private opened(): Promise<OpenQueue> {
    this.opening ??= this.namespace.resolve().then(
      ({ installationId, prefix }) => {
        const connection = bullConnection(this.config.redisUrl, 'producer', prefix);
        const queue = new Queue(ATTENDANCE_QUEUE, { connection, prefix });
        queue.on('error', (error) => this.logger.debug(`Queue error: ${error.message}`));
        return { queue, connection, installationId, prefix };
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }

  async queue(): Promise<Queue> {
    return (await this.opened()).queue;
  }

  /** The installation and prefix the queue uses. */
  async describe(): Promise<{ name: string; prefix: string; installationId: string }> {
    const { prefix, installationId } = await this.opened();
    return { name: ATTENDANCE_QUEUE, prefix, installationId };
  }

  /** Runs this process's worker of check and sweep jobs, and upserts the monthly sweep's scheduler. */
  startWorker(): Promise<unknown> {
    this.running ??= this.openWorker().catch((error: unknown) => {
      this.running = undefined;
      throw error;
    });
    return this.running;
  }

  /** Queues checks, each delayed until its month has ended; a job id BullMQ still holds is left as it is. */
  async queueChecks(checks: CheckToQueue[]): Promise<void> {
    if (checks.length === 0) return;
    const { queue, installationId } = await this.opened();
    const now = this.clock.now().getTime();
    const jobs = checks.map((check) => {
      const delay = startOfDate(dayAfterMonth(check.month), this.config.timeZone) - now;
      return {
        name: CHECK_JOB,
        data: { installationId, ...check } satisfies CheckJobData,
        opts: { ...CHECK_JOB_OPTIONS, jobId: checkJobId(check, delay <= 0), delay: Math.max(0, delay) },
      };
    });
    await withTimeout(queue.addBulk(jobs), REDIS_TIMEOUT_MS, 'Queueing attendance checks');
  }

  /** One sweep now: what the monthly job does. */
  runSweep() {
    return this.sweep.run((checks) => this.queueChecks(checks));
  }

  /** Queues the checks of every open case's ended months again (at start-up): months imported while no worker listened. */
  reconcileChecks() {
    return this.sweep.run((checks) => this.queueChecks(checks), { raiseMissing: false });
  }

  async close(): Promise<void> {
    const running = await this.running?.catch(() => undefined);
    this.running = undefined;
    if (running) {
      await running.worker.close().catch(() => undefined);
      running.connection.disconnect();
    }
    const opened = await this.opening?.catch(() => undefined);
    this.opening = undefined;
    if (!opened) return;
    await opened.queue.close().catch(() => undefined);
    opened.connection.disconnect();
  }

  private async openWorker(): Promise<{ worker: Worker; connection: Redis }> {
    const { queue, installationId, prefix } = await this.opened();
    // The schedule first: a worker is never left running when it could not be set up.
    await queue.upsertJobScheduler(
      ATTENDANCE_SWEEP_SCHEDULER_ID,
      { pattern: ATTENDANCE_SWEEP_PATTERN, tz: this.config.timeZone },
      {
        name: SWEEP_JOB,
        data: { installationId } satisfies SweepJobData,
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 30 },
      },
    );
    const connection = bullConnection(this.config.redisUrl, 'worker', prefix);
    const worker = new Worker(ATTENDANCE_QUEUE, (job) => this.process(job, installationId), {
      connection,
      prefix,
      concurrency: 5,
    });
    worker.on('error', (error) => this.logger.debug(`Worker error: ${error.message}`));
    worker.on('failed', (job, error) =>
      this.logger.warn(`Attendance job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
    );
    return { worker, connection };
  }

  private async process(job: Job, installationId: string) {
    if (job.name === SWEEP_JOB) {
      const data = job.data as SweepJobData;
      if (data.installationId !== installationId)
        throw new Error(`Attendance sweep of installation ${data.installationId}, not ${installationId}`);
      return this.runSweep();
    }
    const outcome = await this.checks.handle(parseCheckJob(job.data, installationId));
    // Delayed until the month's end by the producer's clock: a worker whose clock lags retries (with backoff).
    if (outcome === 'month_not_ended')
      throw new Error(`Month ${String(job.data.month)} has not ended yet here`);
    return outcome;
  }
}
