import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AccessLog, AccessRecorder, type AccessedRoute } from '@leap/access-log';
import { seesPersonalData, type Principal } from '@leap/auth';
import { loadStreamState, readHistory, toDomainEvent } from '@leap/commands';
import {
  caseDecider,
  conflict,
  fold,
  redactMetadata,
  type CaseEvent,
  type CaseState,
  type OpenCase,
  type Pseudonymize,
} from '@leap/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@leap/event-store';
import { PII_CIPHER, PSEUDONYMIZE, openPii, type PiiCipher } from '@leap/privacy';
import { isCaseVisibleTo, requireReadRole, requireVisibleCase } from '../access/case-access';
import { caseStreamId } from '../case-streams';
import { historyMaxEventsOf, historyPageLink, MAX_HISTORY_PAGE } from './history-limits';
import { toHistoryEntry } from './history-entry';
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

  /** The largest case whose whole history one answer serves (`LEAP_HISTORY_MAX_EVENTS`). */
  private readonly historyMaxEvents = historyMaxEventsOf(process.env);

  async getCase(caseId: string, principal: Principal, route: AccessedRoute): Promise<CaseView> {
    const { history, state } = await this.readVisible(caseId, principal, route);
    await this.recorder.served(principal, route, [state]);
    // Folded again from what is shown: opened events for roles with personal data, redacted ones
    // for the others (an open case stays open).
    const shown = foldShown(await this.shownTo(principal, history)) as OpenCase;
    return toCaseView(shown, history.at(-1)!.revision);
  }

  /**
   * The audit view: events as recorded, and the state as the system knew it at `asOf` (recorded
   * time). A case with more than `historyMaxEvents` events is refused (409 `history_too_long`)
   * before anything is read or served: it is read in pages (`getHistoryPage`).
   */
  async getHistory(caseId: string, principal: Principal, route: AccessedRoute, asOf?: string) {
    const { state: current, revision } = await this.currentVisible(caseId, principal, route);
    const events = revision === null ? 0 : Number(revision) + 1;
    if (events > this.historyMaxEvents)
      throw conflict(
        'history_too_long',
        `The case has ${events} events, more than one answer serves (${this.historyMaxEvents}): ` +
          `read it in pages, from ${historyPageLink(caseId, 0n, MAX_HISTORY_PAGE, asOf)}`,
      );
    await this.recorder.served(principal, route, [current]);
    const history = await readHistory(this.store, caseStreamId(caseId));
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
   * One page of the audit view: the events at revisions `fromRevision` to `fromRevision + limit - 1`
   * that the system had recorded by `asOf`, shown as in the whole history, and the link to the next
   * page while the stream has events after this one. Pages carry no state (`GET /v1/cases/:caseId`).
   */
  async getHistoryPage(
    caseId: string,
    principal: Principal,
    route: AccessedRoute,
    page: { fromRevision: number; limit: number; asOf?: string },
  ) {
    const { state: current } = await this.currentVisible(caseId, principal, route);
    await this.recorder.served(principal, route, [current]);
    const from = BigInt(page.fromRevision);
    // One event more than the page: whether a next page exists, without a second read.
    const read = await this.store.readStream(caseStreamId(caseId), {
      fromRevision: from,
      maxCount: page.limit + 1,
    });
    const spanned = read.slice(0, page.limit);
    const cutoff = page.asOf === undefined ? Infinity : Date.parse(page.asOf);
    const known = await this.shownTo(
      principal,
      spanned.filter((event) => Date.parse(event.recordedAt) <= cutoff),
    );
    return {
      caseId,
      asOf: page.asOf ?? null,
      fromRevision: page.fromRevision,
      limit: page.limit,
      events: known.map(toHistoryEntry),
      next:
        read.length > page.limit
          ? historyPageLink(caseId, from + BigInt(page.limit), page.limit, page.asOf)
          : null,
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
    return { history, state: await this.visible(caseId, principal, route, state) };
  }

  /**
   * The case's current state, or 404, through the commands' cache of folded states (brought up to
   * date with the events stored after it; it holds personal data only sealed): a history page costs
   * the same on a long case as on a short one.
   */
  private async currentVisible(caseId: string, principal: Principal, route: AccessedRoute) {
    requireReadRole(principal);
    const current = await loadStreamState(this.store, caseStreamId(caseId), caseDecider);
    return {
      state: await this.visible(caseId, principal, route, current.state),
      revision: current.revision,
    };
  }

  private async visible(caseId: string, principal: Principal, route: AccessedRoute, state: CaseState) {
    if (state.status !== 'none' && !isCaseVisibleTo(principal, state)) {
      await this.recorder.refused(principal, route, state);
    }
    return requireVisibleCase(principal, caseId, state);
  }
}

/** Folds events as shown: for roles without personal data the state then holds none either. */
const foldShown = (events: RecordedEvent[]) => fold(caseDecider, events.map(toDomainEvent<CaseEvent>));
