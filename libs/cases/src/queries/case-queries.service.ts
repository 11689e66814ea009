import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { seesPersonalData, type Principal } from '@leap/auth';
import { buildMetadata, readHistory, toDomainEvent } from '@leap/commands';
import {
  caseDecider,
  fold,
  redactMetadata,
  type CaseEvent,
  type OpenCase,
  type Pseudonymize,
} from '@leap/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@leap/event-store';
import { PII_CIPHER, PSEUDONYMIZE, openPii, type PiiCipher } from '@leap/privacy';
import { requireReadRole, requireVisibleCase } from '../access/case-access';
import { caseAccessStreamId, caseStreamId } from '../case-streams';
import { asShownTo } from './shown-events';
import type { CaseView } from '../dto/case-view.dto';
import { toCaseView } from './case-view';

/**
 * Reads a case from its stream. Every read of a case's personal data or history is itself
 * recorded (who, when, which case, which view) before the answer leaves, so access can be audited;
 * if that record cannot be written, the data is not served.
 *
 * Personal data is stored sealed; it is opened on the way out, and only for roles allowed to see it
 * (`seesPersonalData`). Everyone else reads redacted events, and their reads never touch a key. A
 * family whose key was destroyed reads `pii: { "erased": true }`.
 */
@Injectable()
export class CaseQueries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PSEUDONYMIZE) private readonly pseudonymize: Pseudonymize,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  async getCase(caseId: string, principal: Principal): Promise<CaseView> {
    requireReadRole(principal);
    const history = await readHistory(this.store, caseStreamId(caseId));
    const state = requireVisibleCase(
      principal,
      caseId,
      fold(caseDecider, history.map(toDomainEvent<CaseEvent>)),
    );
    await this.recordAccess(caseId, principal, 'case', state.districtId, state.schoolId);
    // Folded again from what is shown: opened events for roles with personal data, redacted ones
    // for the others (an open case stays open).
    const shown = foldShown(await this.shownTo(principal, history)) as OpenCase;
    return toCaseView(shown, history.at(-1)!.revision);
  }

  /** The audit view: events as recorded, and the state as the system knew it at `asOf` (recorded time). */
  async getHistory(caseId: string, principal: Principal, asOf?: string) {
    requireReadRole(principal);
    const history = await readHistory(this.store, caseStreamId(caseId));
    const current = requireVisibleCase(
      principal,
      caseId,
      fold(caseDecider, history.map(toDomainEvent<CaseEvent>)),
    );
    await this.recordAccess(caseId, principal, 'history', current.districtId, current.schoolId, asOf);
    const cutoff = asOf === undefined ? Infinity : Date.parse(asOf);
    const known = await this.shownTo(
      principal,
      history.filter((event) => Date.parse(event.recordedAt) <= cutoff),
    );
    const state = foldShown(known);
    return {
      caseId,
      asOf: asOf ?? null,
      events: known.map(toHistoryEntry),
      state: state.status === 'none' ? null : toCaseView(state, known.at(-1)!.revision),
    };
  }

  /** Who read this case's data, for coordinators auditing access. */
  async getAccessLog(caseId: string, principal: Principal) {
    requireReadRole(principal);
    const state = requireVisibleCase(
      principal,
      caseId,
      fold(caseDecider, (await readHistory(this.store, caseStreamId(caseId))).map(toDomainEvent<CaseEvent>)),
    );
    const reads = await readHistory(this.store, caseAccessStreamId(state.caseId));
    const shownActor = seesPersonalData(principal.role)
      ? (metadata: RecordedEvent['metadata']) => metadata.actorId
      : (metadata: RecordedEvent['metadata']) => redactMetadata(metadata, this.pseudonymize).actorId;
    return {
      caseId,
      accesses: reads.map((event) => ({
        at: event.recordedAt,
        actorId: shownActor(event.metadata),
        actorRole: event.metadata.actorRole,
        view: event.data.view,
        asOf: event.data.asOf ?? null,
      })),
    };
  }

  /** The events as the principal may see them: `pii` opened only for roles with personal data. */
  private async shownTo(principal: Principal, events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const readable = seesPersonalData(principal.role) ? await openPii(this.cipher, events) : events;
    return asShownTo(principal, readable, this.pseudonymize);
  }

  private async recordAccess(
    caseId: string,
    principal: Principal,
    view: 'case' | 'history',
    districtId: string,
    schoolId: string,
    asOf?: string,
  ): Promise<void> {
    const id = randomUUID();
    await this.store.appendToStream(
      caseAccessStreamId(caseId),
      [
        {
          id,
          type: 'CaseRecordAccessed.v1',
          data: { caseId, view, ...(asOf ? { asOf } : {}) },
          metadata: buildMetadata(
            {
              actor: { id: principal.sub, role: principal.role },
              commandId: id,
              correlationId: id,
              causationId: id,
              receivedAt: new Date(),
            },
            { districtId, schoolId },
            'ReadCase',
          ),
        },
      ],
      'any',
    );
  }
}

/** Folds events as shown: for roles without personal data the state then holds none either. */
const foldShown = (events: RecordedEvent[]) => fold(caseDecider, events.map(toDomainEvent<CaseEvent>));

function toHistoryEntry(event: RecordedEvent) {
  const m = event.metadata;
  return {
    type: event.type,
    revision: Number(event.revision),
    position: event.position,
    recordedAt: event.recordedAt,
    data: event.data,
    metadata: {
      actorId: m.actorId,
      actorRole: m.actorRole,
      districtId: m.districtId,
      schoolId: m.schoolId,
      commandId: m.commandId,
      commandType: m.commandType,
      correlationId: m.correlationId,
      causationId: m.causationId,
      ...(m.idempotencyKey !== undefined ? { idempotencyKey: m.idempotencyKey } : {}),
    },
  };
}
