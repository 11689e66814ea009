import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, coversScope, type Principal } from '@leap/auth';
import { handleCommand, type CommandContext } from '@leap/commands';
import {
  followUpRulesDecider,
  type FollowUpRuleChanges,
  type FollowUpRulesCommand,
  type FollowUpRulesEvent,
  type FollowUpRulesState,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { followUpRulesStreamId } from '../follow-up-streams';
import { FollowUpFactsReader } from '../planning/follow-up-facts.reader';
import type { FollowUpRulesAnswer, FollowUpRulesView } from './follow-up-rules-views.dto';

const RULE_EDITORS = ['coordinator', 'admin'];

/** A district's rules: read by anyone in the district, changed by its coordinators and admins. */
@Injectable()
export class FollowUpRulesService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    private readonly reader: FollowUpFactsReader,
  ) {}

  async get(districtId: string, principal: Principal): Promise<FollowUpRulesView> {
    requireDistrict(principal, districtId);
    const { rules, revision } = await this.reader.rules(districtId);
    return {
      districtId,
      timeZone: this.config.timeZone,
      rules,
      revision: revision === null ? null : Number(revision),
    };
  }

  /** Records the change as `FollowUpRulesChanged.v1`; the scheduler then re-plans the district's timers. */
  async change(
    districtId: string,
    changes: FollowUpRuleChanges,
    principal: Principal,
    context: CommandContext,
  ): Promise<FollowUpRulesAnswer> {
    requireDistrict(principal, districtId);
    if (!RULE_EDITORS.includes(principal.role)) {
      throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not change follow-up rules`);
    }
    const outcome = await handleCommand<FollowUpRulesCommand, FollowUpRulesEvent, FollowUpRulesState>({
      store: this.store,
      streamId: followUpRulesStreamId(districtId),
      decider: followUpRulesDecider,
      context,
      command: { type: 'ChangeFollowUpRules', data: { districtId, rules: changes }, actorId: principal.sub },
      scopeOf: () => ({ districtId, schoolId: null }),
    });
    return {
      districtId,
      timeZone: this.config.timeZone,
      rules: outcome.state.rules,
      revision: outcome.revision === null ? null : Number(outcome.revision),
      position: outcome.position,
    };
  }
}

function requireDistrict(principal: Principal, districtId: string): void {
  if (!coversScope(principal, districtId, null)) {
    throw new ForbiddenError('out_of_scope', `Your token does not cover district ${districtId}`);
  }
}
