import { Inject, Injectable } from '@nestjs/common';
import { readHistory, toDomainEvent } from '@leap/commands';
import { caseStreamId } from '@leap/cases';
import {
  fold,
  foldFollowUpFacts,
  followUpRulesDecider,
  type FollowUpFacts,
  type FollowUpRules,
  type FollowUpRulesEvent,
} from '@leap/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@leap/event-store';
import { followUpRulesStreamId } from '../follow-up-streams';

/** Reads what timers are computed from, always from the event store (the only source of truth). */
@Injectable()
export class FollowUpFactsReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async caseFacts(caseId: string): Promise<{ history: RecordedEvent[]; facts: FollowUpFacts }> {
    const history = await readHistory(this.store, caseStreamId(caseId));
    return { history, facts: foldFollowUpFacts(history) };
  }

  async rules(districtId: string): Promise<{ rules: FollowUpRules; revision: bigint | null }> {
    const history = await readHistory(this.store, followUpRulesStreamId(districtId));
    const state = fold(followUpRulesDecider, history.map(toDomainEvent<FollowUpRulesEvent>));
    return { rules: state.rules, revision: history.at(-1)?.revision ?? null };
  }
}
