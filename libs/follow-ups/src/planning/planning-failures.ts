import { Injectable, Logger } from '@nestjs/common';

export interface PlanningFailure {
  caseId: string;
  /** Null when the case itself could not be read. */
  districtId: string | null;
  /** The error's name and message, with any JSON in it left out. */
  error: string;
  at: string;
}

export interface PlanningFailuresSummary {
  /** Cases whose last planning failed (each is tried again at its next event or reconciliation). */
  failingCases: number;
  /** Failed plannings since this process started. */
  failuresSinceStart: number;
  lastFailure: PlanningFailure | null;
}

const MAX_ERROR_LENGTH = 200;

/**
 * Cases whose timers could not be planned. A case that cannot be planned (a stored rule or event
 * the planner cannot read) is set aside so that every other case, of every district, is still
 * planned; operators see the count and the last error in `GET /v1/queues` and in the log, which
 * names the case and district only (no personal data: the message is cut at any JSON it quotes).
 */
@Injectable()
export class PlanningFailures {
  private readonly logger = new Logger('schedule-follow-ups-when-case-changed');
  private readonly failing = new Set<string>();
  private total = 0;
  private last: PlanningFailure | null = null;

  record(caseId: string, districtId: string | null, error: unknown, at: Date): void {
    const failure: PlanningFailure = { caseId, districtId, error: describe(error), at: at.toISOString() };
    this.failing.add(caseId);
    this.total++;
    this.last = failure;
    this.logger.warn(
      `Planning case ${caseId} (district ${districtId ?? 'unknown'}) failed: ${failure.error}; other cases go on`,
    );
  }

  planned(caseId: string): void {
    this.failing.delete(caseId);
  }

  summary(): PlanningFailuresSummary {
    return { failingCases: this.failing.size, failuresSinceStart: this.total, lastFailure: this.last };
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `Error: ${String(error)}`;
  const withoutJson = text.replace(/[[{].*$/s, '…');
  return withoutJson.length > MAX_ERROR_LENGTH ? `${withoutJson.slice(0, MAX_ERROR_LENGTH)}…` : withoutJson;
}
