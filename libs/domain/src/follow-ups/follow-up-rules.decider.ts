import { conflict, type Decider } from '../decider';
import {
  applyRuleChanges,
  DEFAULT_FOLLOW_UP_RULES,
  FOLLOW_UP_RULE_IDS,
  type FollowUpRuleChanges,
  type FollowUpRules,
} from './rules';
import { checkRuleThreshold } from './rule-threshold';

/**
 * A district's follow-up rules, stream `followuprules-<districtId>`. The stream records changes only;
 * a rule a district never changed follows the default, so a better default reaches it too.
 */
export type FollowUpRulesChanged = {
  type: 'FollowUpRulesChanged.v1';
  data: { districtId: string; rules: FollowUpRuleChanges };
};
export type FollowUpRulesEvent = FollowUpRulesChanged;

export type ChangeFollowUpRules = {
  type: 'ChangeFollowUpRules';
  data: { districtId: string; rules: FollowUpRuleChanges };
  actorId: string;
};
export type FollowUpRulesCommand = ChangeFollowUpRules;

export interface FollowUpRulesState {
  rules: FollowUpRules;
}

/** Records only what actually changes; a change to nothing records nothing. */
function decide(command: FollowUpRulesCommand, state: FollowUpRulesState): FollowUpRulesEvent[] {
  const changes: FollowUpRuleChanges = {};
  for (const id of FOLLOW_UP_RULE_IDS) {
    const change = command.data.rules[id];
    if (!change) continue;
    const current = state.rules[id];
    const fields: Partial<FollowUpRules[typeof id]> = {};
    if (change.after !== undefined) {
      const threshold = checkRuleThreshold(change.after);
      if (!threshold.ok) throw conflict('duration_invalid', `${id}.after ${threshold.reason}`);
      if (change.after !== current.after) fields.after = change.after;
    }
    if (change.enabled !== undefined && change.enabled !== current.enabled) fields.enabled = change.enabled;
    if (Object.keys(fields).length > 0) changes[id] = fields;
  }
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'FollowUpRulesChanged.v1', data: { districtId: command.data.districtId, rules: changes } }];
}

export const followUpRulesDecider: Decider<FollowUpRulesCommand, FollowUpRulesEvent, FollowUpRulesState> = {
  decide,
  evolve: (state, event) => ({ rules: applyRuleChanges(state.rules, event.data.rules) }),
  initialState: () => ({ rules: DEFAULT_FOLLOW_UP_RULES }),
};
