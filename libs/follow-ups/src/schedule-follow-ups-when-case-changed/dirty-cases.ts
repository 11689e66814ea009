import { Injectable, Logger } from '@nestjs/common';

const BATCH = 500;
const SETTLE_MS = 20;
const MAX_BACKOFF_MS = 30_000;

/**
 * Cases waiting to be (re-)planned. Events mark cases; once live, batches of up to 500 distinct
 * cases are planned a few milliseconds after the first mark, so a burst of events on one case plans
 * it once. A failed batch (Redis down) is kept and retried with exponential backoff: a case stays
 * marked until its plan succeeded.
 */
@Injectable()
export class DirtyCases {
  private readonly logger = new Logger('schedule-follow-ups-when-case-changed');
  private readonly marked = new Set<string>();
  private plan: (caseIds: string[]) => Promise<unknown> = async () => undefined;
  private live = false;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private wake: (() => void) | undefined;

  start(plan: (caseIds: string[]) => Promise<unknown>): void {
    this.plan = plan;
    this.stopped = false;
  }

  /** Cases marked before going live are covered by the start-up reconciliation. */
  goLive(): void {
    this.live = true;
    this.kick(SETTLE_MS);
  }

  mark(caseIds: string[]): void {
    for (const caseId of caseIds) this.marked.add(caseId);
    this.kick(SETTLE_MS);
  }

  /** Forgets marks: a full reconciliation is about to plan every case anyway. */
  clear(): void {
    this.marked.clear();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.running;
  }

  private kick(delayMs: number): void {
    if (!this.live || this.stopped || this.running || this.timer || this.marked.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.drain().finally(() => {
        this.running = undefined;
        this.kick(SETTLE_MS); // marks that arrived as the drain finished
      });
    }, delayMs);
  }

  private async drain(): Promise<void> {
    let failures = 0;
    while (this.marked.size > 0 && !this.stopped) {
      const batch = [...this.marked].slice(0, BATCH);
      for (const caseId of batch) this.marked.delete(caseId);
      try {
        await this.plan(batch);
        failures = 0;
      } catch (error) {
        for (const caseId of batch) this.marked.add(caseId);
        failures++;
        const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures);
        this.logger.warn(
          `Planning ${batch.length} case(s) failed (${(error as Error).message}); retrying in ${backoff} ms`,
        );
        await this.sleep(backoff);
      }
    }
  }

  /** A backoff that `stop()` cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
