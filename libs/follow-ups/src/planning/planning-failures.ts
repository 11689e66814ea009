import { Injectable, Logger } from '@nestjs/common';
import { FollowUpQueue } from '../queue/follow-up-queue';

export interface PlanningFailure {
  caseId: string;
  /** Null when the case itself could not be read. */
  districtId: string | null;
  /** The error's name and message, cut at any JSON it quotes. */
  error: string;
  at: string;
}

export interface PlanningFailuresSummary {
  /** Cases whose last planning failed (each is tried again at its next event or reconciliation). */
  failingCases: number;
  /** Failed plannings recorded since Redis last lost its data. */
  failures: number;
  lastFailure: PlanningFailure | null;
}

const MAX_ERROR_LENGTH = 200;

/**
 * Cases whose timers could not be planned. A case that cannot be planned (a stored rule or event
 * the planner cannot read) is set aside so that every other case, of every district, is still
 * planned. The log names the case and district only (no personal data: the message is cut at any
 * JSON it quotes); the count and the last failure are kept in Redis beside the queue, so that
 * `GET /v1/queues` shows them whichever process planned (an api replica asks, the worker plans).
 * Each full reconciliation starts the list of failing cases afresh: it plans every case again.
 */
@Injectable()
export class PlanningFailures {
  private readonly logger = new Logger('schedule-follow-ups-when-case-changed');
  /** Cases this process saw fail, so a later success clears them without a Redis call per case. */
  private readonly failing = new Set<string>();

  constructor(private readonly queue: FollowUpQueue) {}

  record(caseId: string, districtId: string | null, error: unknown, at: Date): void {
    const failure: PlanningFailure = { caseId, districtId, error: describe(error), at: at.toISOString() };
    this.failing.add(caseId);
    this.logger.warn(
      `Planning case ${caseId} (district ${districtId ?? 'unknown'}) failed: ${failure.error}; other cases go on`,
    );
    const json = JSON.stringify(failure);
    this.publish('Recording a planning failure', (redis, key) =>
      redis
        .multi()
        .hset(key('planning-failing'), caseId, json)
        .set(key('planning-last-failure'), json)
        .incr(key('planning-failures'))
        .exec(),
    );
  }

  planned(caseId: string): void {
    if (!this.failing.delete(caseId)) return;
    this.publish('Clearing a planning failure', (redis, key) => redis.hdel(key('planning-failing'), caseId));
  }

  /** A full reconciliation is about to plan every case: those still failing will be recorded again. */
  async startOver(): Promise<void> {
    this.failing.clear();
    await this.queue.withRedis('Clearing planning failures', (redis, key) =>
      redis.del(key('planning-failing')),
    );
  }

  async summary(): Promise<PlanningFailuresSummary> {
    const [failingCases, failures, last] = await this.queue.withRedis(
      'Reading planning failures',
      (redis, key) =>
        Promise.all([
          redis.hlen(key('planning-failing')),
          redis.get(key('planning-failures')),
          redis.get(key('planning-last-failure')),
        ]),
    );
    return {
      failingCases,
      failures: Number(failures ?? 0),
      lastFailure: last === null ? null : (JSON.parse(last) as PlanningFailure),
    };
  }

  /** Best effort: the log has the failure even when Redis cannot take it. */
  private publish(what: string, run: Parameters<FollowUpQueue['withRedis']>[1]): void {
    this.queue.withRedis(what, run).catch((error: Error) => this.logger.debug(`${what}: ${error.message}`));
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `Error: ${String(error)}`;
  const withoutJson = text.replace(/[[{].*$/s, '…');
  return withoutJson.length > MAX_ERROR_LENGTH ? `${withoutJson.slice(0, MAX_ERROR_LENGTH)}…` : withoutJson;
}
