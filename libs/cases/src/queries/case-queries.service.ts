import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AccessLog, AccessRecorder, type AccessedRoute } from '@leap/access-log';
import { seesPersonalData, type Principal } from '@leap/auth';
import { readHistory, toDomainEvent } from '@leap/commands';
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
import { isCaseVisibleTo, requireReadRole, requireVisibleCase } from '../access/case-access';
import { caseStreamId } from '../case-streams';
import { asShownTo } from './shown-events';
import type { CaseView } from '../dto/case-view.dto';
import { toCaseView } from './case-view';

/**
 * Reads a case from its stream. Every read that serves a case's personal data is recorded in the
 * district's access log (`AccessRecorder`) before the answer leaves; if that record cannot be
 * written, the data is not served. An attempt at an existing case the reader may not see (another
 * district or school, a family not or no longer assigned to the home visitor) is answered 404 like
 * a missing case and recorded as `refused`.
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
    private readonly recorder: AccessRecorder,
    private readonly accessLog: AccessLog,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  async getCase(caseId: string, principal: Principal, route: AccessedRoute): Promise<CaseView> {
    const { history, state } = await this.readVisible(caseId, principal, route);
    await this.recorder.served(principal, route, [state]);
    // Folded again from what is shown: opened events for roles with personal data, redacted ones
    // for the others (an open case stays open).
    const shown = foldShown(await this.shownTo(principal, history)) as OpenCase;
    return toCaseView(shown, history.at(-1)!.revision);
  }

  /** The audit view: events as recorded, and the state as the system knew it at `asOf` (recorded time). */
  async getHistory(caseId: string, principal: Principal, route: AccessedRoute, asOf?: string) {
    const { history, state: current } = await this.readVisible(caseId, principal, route);
    await this.recorder.served(principal, route, [current]);
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

  /**
   * Who received this case's personal data (and who was refused it), oldest first, from the
   * access_log read model. Not itself recorded: it shows logins and routes, no family's data.
   */
  async getAccessLog(caseId: string, principal: Principal, response: Response) {
    requireReadRole(principal);
    const history = await readHistory(this.store, caseStreamId(caseId));
    const state = requireVisibleCase(
      principal,
      caseId,
      fold(caseDecider, history.map(toDomainEvent<CaseEvent>)),
    );
    const shownActor = seesPersonalData(principal.role)
      ? (actorId: string) => actorId
      : (actorId: string, actorRole: string) =>
          String(redactMetadata({ actorId, actorRole }, this.pseudonymize).actorId);
    const accesses = [];
    for await (const entry of this.accessLog.all({ districtId: state.districtId, caseId }, response)) {
      accesses.push({
        at: entry.at,
        actorId: shownActor(entry.actorId, entry.actorRole),
        actorRole: entry.actorRole,
        route: entry.route,
        outcome: entry.outcome,
      });
    }
    return { caseId, accesses };
  }

  /** The events as the principal may see them: `pii` opened only for roles with personal data. */
  private async shownTo(principal: Principal, events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const readable = seesPersonalData(principal.role) ? await openPii(this.cipher, events) : events;
    return asShownTo(principal, readable, this.pseudonymize);
  }

  /** The case's events and state, or 404; a refused attempt at an existing case is recorded. */
  private async readVisible(caseId: string, principal: Principal, route: AccessedRoute) {
    requireReadRole(principal);
    const history = await readHistory(this.store, caseStreamId(caseId));
    const state = fold(caseDecider, history.map(toDomainEvent<CaseEvent>));
    if (state.status !== 'none' && !isCaseVisibleTo(principal, state)) {
      await this.recorder.refused(principal, route, state);
    }
    return { history, state: requireVisibleCase(principal, caseId, state) };
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
