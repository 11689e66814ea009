import { Inject, Injectable, Logger } from '@nestjs/common';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from './follow-up-config';
import { FollowUpReconciler } from './follow-up-reconciler';
import { FollowUpQueue } from './queue/follow-up-queue';

/**
 * Brings timers back within seconds when Redis lost them, instead of at the next periodic
 * reconciliation: it reconciles as soon as the queue's connection is ready again (Redis restarted,
 * the connection dropped), and when the mark the reconciler leaves in Redis is gone (Redis flushed
 * or replaced without this process seeing a disconnect), checked every `redisCheckEveryMs`.
 */
@Injectable()
export class RedisLossWatch {
  private readonly logger = new Logger('FollowUpReconciler');
  private interval: NodeJS.Timeout | undefined;
  private listening = false;
  private checking = false;

  constructor(
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    private readonly queue: FollowUpQueue,
    private readonly reconciler: FollowUpReconciler,
  ) {}

  /** Called once the start-up reconciliation has run (or failed): from then on, losses are repaired. */
  start(): void {
    if (this.interval) return;
    if (!this.listening) this.queue.onConnectionReady(() => this.reconcile('Redis connection ready again'));
    this.listening = true;
    this.interval = setInterval(() => void this.check(), this.config.redisCheckEveryMs);
    this.interval.unref();
  }

  stop(): void {
    clearInterval(this.interval);
    this.interval = undefined;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      // Unreachable Redis throws here: its connection's `ready` will tell when it is back.
      if (!(await this.queue.isMarkedReconciled())) this.reconcile('Redis lost the follow-up timers');
    } catch {
      // Nothing to do until Redis answers.
    } finally {
      this.checking = false;
    }
  }

  private reconcile(why: string): void {
    if (!this.interval) return;
    this.logger.log(`${why}: reconciling`);
    this.reconciler
      .reconcileAll()
      .catch((error: Error) => this.logger.warn(`Reconciliation failed: ${error.message}`));
  }
}
