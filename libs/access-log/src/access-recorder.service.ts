import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { seesPersonalData, type Principal } from '@leap/auth';
import { buildMetadata } from '@leap/commands';
import { EVENT_STORE, type EventStore, type Position } from '@leap/event-store';
import {
  PERSONAL_DATA_ACCESSED,
  accessStreamId,
  type AccessOutcome,
  type PersonalDataAccessedData,
} from './access-event';
import type { AccessedRoute } from './accessed-route';

/** A case a response names, with the district whose access log records it. */
export interface AccessedCase {
  caseId: string;
  districtId: string;
}

/**
 * Records who received which families' personal data. Guarantee: the record is appended (and
 * acknowledged by the event store) *before* the answer leaves; if it cannot be written the request
 * fails and the data is not served, so no response carrying personal data goes unrecorded. The
 * cost is one append per such response (no batching: a batch lost in a crash would lose entries).
 *
 * One event per response and district: a state-wide admin's list spanning districts is recorded in
 * each district's log (with one shared `correlationId`), since each district audits its own families.
 * Roles that see no personal data (fidelity monitors) are served none, so nothing is recorded.
 */
@Injectable()
export class AccessRecorder {
  private last: Position | null = null;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The position of the last access this process recorded: an access-log read waits for it. */
  get lastPosition(): Position | null {
    return this.last;
  }

  async served(principal: Principal, route: AccessedRoute, cases: readonly AccessedCase[]): Promise<void> {
    if (!seesPersonalData(principal.role)) return;
    await this.record(principal, route, cases, 'served');
  }

  /** An attempt at an existing case the principal may not see (answered 404): recorded for any role. */
  async refused(principal: Principal, route: AccessedRoute, accessed: AccessedCase): Promise<void> {
    await this.record(principal, route, [accessed], 'refused');
  }

  /**
   * A response that carried personal data of students who have no case (identification candidates,
   * named by pseudonym): recorded like a case read, with `students` instead of case ids.
   */
  async servedStudents(
    principal: Principal,
    route: AccessedRoute,
    districtId: string,
    students: readonly string[],
  ): Promise<void> {
    if (!seesPersonalData(principal.role) || students.length === 0) return;
    const at = new Date();
    const accessed = { districtId, caseIds: [], students: [...new Set(students)] };
    await this.append(principal, route, accessed, 'served', at, randomUUID());
  }

  private async record(
    principal: Principal,
    route: AccessedRoute,
    cases: readonly AccessedCase[],
    outcome: AccessOutcome,
  ): Promise<void> {
    const byDistrict = new Map<string, string[]>();
    for (const { caseId, districtId } of cases) {
      const ids = byDistrict.get(districtId) ?? [];
      if (!ids.includes(caseId)) ids.push(caseId);
      byDistrict.set(districtId, ids);
    }
    const at = new Date();
    const correlationId = randomUUID();
    await Promise.all(
      [...byDistrict].map(([districtId, caseIds]) =>
        this.append(principal, route, { districtId, caseIds }, outcome, at, correlationId),
      ),
    );
  }

  private async append(
    principal: Principal,
    route: AccessedRoute,
    accessed: Pick<PersonalDataAccessedData, 'districtId' | 'caseIds' | 'students'>,
    outcome: AccessOutcome,
    at: Date,
    correlationId: string,
  ): Promise<void> {
    const { districtId } = accessed;
    const id = randomUUID();
    const data: PersonalDataAccessedData = {
      at: at.toISOString(),
      actorId: principal.sub,
      actorRole: principal.role,
      districtId,
      route: route.route,
      query: route.query,
      caseIds: accessed.caseIds,
      ...(accessed.students ? { students: accessed.students } : {}),
      outcome,
    };
    const metadata = buildMetadata(
      {
        actor: { id: principal.sub, role: principal.role },
        commandId: id,
        correlationId,
        causationId: id,
        receivedAt: at,
      },
      { districtId, schoolId: null },
      'ReadPersonalData',
    );
    const result = await this.store.appendToStream(
      accessStreamId(districtId, at),
      [{ id, type: PERSONAL_DATA_ACCESSED, data: { ...data }, metadata: { ...metadata } }],
      'any',
    );
    this.advance(result.position);
  }

  private advance(position: Position): void {
    if (this.last === null || this.store.comparePositions(position, this.last) > 0) this.last = position;
  }
}
