import { deterministicUuid } from '@leap/commands';
import type { FollowUpRuleId } from '@leap/domain';

/** A district's follow-up rules. */
export const followUpRulesStreamId = (districtId: string) => `followuprules-${districtId}`;
export const FOLLOW_UP_RULES_PREFIX = 'followuprules-';
export const CASE_PREFIX = 'case-';

/** One follow-up per case, rule and triggering event, whoever raises it and however often. */
export const followUpIdOf = (caseId: string, ruleId: FollowUpRuleId, triggerEventId: string): string =>
  deterministicUuid('follow-up', caseId, ruleId, triggerEventId);

/** The actor of every event a timer or worker writes. */
export const SYSTEM_ACTOR = { id: 'system', role: 'system' } as const;
