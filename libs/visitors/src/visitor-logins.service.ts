import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, readHistory, type CommandContext } from '@leap/commands';
import {
  visitorLoginDecider,
  type Pseudonymize,
  type VisitorLoginCommand,
  type VisitorLoginEvent,
  type VisitorLoginState,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { PSEUDONYMIZE } from '@leap/privacy';
import { visitorLoginStreamId, visitorStreamId } from './visitor-streams';

/**
 * A claim whose visitor stream does not exist yet is honoured for this long: the registration writes
 * the visitor right after the claim. A claim older than this with no visitor behind it was left by a
 * crash between the two appends and no longer holds the login.
 */
const PENDING_CLAIM_MS = 60_000;

/**
 * One visitor per login in a district, across streams: the login is claimed before a visitor is
 * registered with it. The claim stream is named by the login's keyed pseudonym, so no stream name
 * carries a login in clear; claims therefore rely on the install keeping its pseudonym key.
 */
@Injectable()
export class VisitorLogins {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PSEUDONYMIZE) private readonly pseudonymize: Pseudonymize,
  ) {}

  /** @throws DomainError `subject_taken` when another visitor of the district holds the login. */
  async claim(
    districtId: string,
    subject: string,
    visitorId: string,
    context: CommandContext,
  ): Promise<void> {
    const streamId = visitorLoginStreamId(districtId, this.pseudonymize('subject', subject));
    const { idempotency: _key, expectedRevision: _revision, ...claimContext } = context;
    await handleCommand<VisitorLoginCommand, VisitorLoginEvent, VisitorLoginState>({
      store: this.store,
      streamId,
      decider: visitorLoginDecider,
      context: claimContext,
      command: async (state) => ({
        type: 'ClaimVisitorLogin',
        data: {
          districtId,
          visitorId,
          holderStillHolds: await this.holderStillHolds(streamId, state, visitorId, context.receivedAt),
        },
        actorId: context.actor.id,
      }),
      scopeOf: () => ({ districtId, schoolId: null }),
    });
  }

  private async holderStillHolds(
    streamId: string,
    state: VisitorLoginState,
    visitorId: string,
    now: Date,
  ): Promise<boolean> {
    const holder = state.holderVisitorId;
    if (holder === null || holder === visitorId) return false;
    if ((await readHistory(this.store, visitorStreamId(holder))).length > 0) return true;
    const claim = (await readHistory(this.store, streamId)).at(-1);
    return claim !== undefined && now.getTime() - Date.parse(claim.recordedAt) < PENDING_CLAIM_MS;
  }
}
