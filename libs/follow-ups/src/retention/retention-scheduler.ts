import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import type { RegisteredDistrict } from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { KEY_STORE, PII_CIPHER, type KeyStore, type PiiCipher } from '@leap/privacy';
import { RegistryReader } from '@leap/registry';
import { CLOCK, type Clock } from '../clock';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { bullConnection } from '../queue/redis-connections';
import { TimerNamespace } from '../queue/timer-namespace';
import { sweepRetention } from './retention-sweep';

export const RETENTION_QUEUE = 'retention';
export const RETENTION_SCHEDULER_ID = 'retention-daily';
export const RETENTION_JOB = 'retention-sweep';
/** Every day at 02:15 in the districts' time zone (`LEAP_TIME_ZONE`), when nobody works cases. */
export const RETENTION_PATTERN = '15 2 * * *';

/** What a sweep job carries: the installation only, never personal data (nor a case id). */
export interface RetentionJobData {
  installationId: string;
}

/**
 * Runs the retention sweep daily through a BullMQ job scheduler on this installation's queue prefix.
 * `upsertJobScheduler` is idempotent: every process that runs workers upserts the same scheduler at
 * start-up, and BullMQ keeps one schedule (one job per day however many processes). A job of
 * another installation is refused. A failed sweep is retried; the next day's sweep finds anything
 * still due anyway, because erasure is found from the event store and never from the job.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Retention');
  private running: { queue: Queue; worker: Worker; connections: Redis[] } | undefined;
  private starting: Promise<void> | undefined;

  constructor(
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    private readonly namespace: TimerNamespace,
    private readonly registry: RegistryReader,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    this.starting = this.start().catch((error: Error) =>
      this.logger.warn(`Retention schedule not set up (${error.message}); the next start retries`),
    );
  }

  /** One sweep now: what the daily job does. Answers, per district, how many cases it erased. */
  async sweep(): Promise<Array<{ districtId: string; erased: number }>> {
    const districts = (await this.registry.allDistricts()).filter(
      (d): d is RegisteredDistrict => d.status === 'registered',
    );
    const swept = await sweepRetention(
      { store: this.store, keys: this.keys, cipher: this.cipher },
      districts,
      this.clock.now(),
    );
    return swept.map(({ districtId, caseIds }) => ({ districtId, erased: caseIds.length }));
  }

  private async start(): Promise<void> {
    const { installationId, prefix } = await this.namespace.resolve();
    const producer = bullConnection(this.config.redisUrl, 'producer', prefix);
    const consumer = bullConnection(this.config.redisUrl, 'worker', prefix);
    const queue = new Queue<RetentionJobData>(RETENTION_QUEUE, { connection: producer, prefix });
    queue.on('error', (error) => this.logger.debug(`Queue error: ${error.message}`));
    const worker = new Worker<RetentionJobData>(RETENTION_QUEUE, (job) => this.process(job, installationId), {
      connection: consumer,
      prefix,
      concurrency: 1,
    });
    worker.on('error', (error) => this.logger.debug(`Worker error: ${error.message}`));
    this.running = { queue, worker, connections: [producer, consumer] };
    await queue.upsertJobScheduler(
      RETENTION_SCHEDULER_ID,
      { pattern: RETENTION_PATTERN, tz: this.config.timeZone },
      {
        name: RETENTION_JOB,
        data: { installationId },
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 30 },
      },
    );
  }

  private async process(job: Job<RetentionJobData>, installationId: string) {
    if (job.data.installationId !== installationId)
      throw new Error(`Retention job of installation ${job.data.installationId}, not ${installationId}`);
    const swept = await this.sweep();
    const erased = swept.reduce((sum, district) => sum + district.erased, 0);
    if (erased > 0) this.logger.log(`Retention erased ${erased} case(s) in ${swept.length} district(s)`);
    return swept;
  }

  async onModuleDestroy(): Promise<void> {
    await this.starting;
    const running = this.running;
    this.running = undefined;
    if (!running) return;
    await running.worker.close().catch(() => undefined);
    await running.queue.close().catch(() => undefined);
    for (const connection of running.connections) connection.disconnect();
  }
}
