import { dueTimers, type FollowUpTimer } from './due-timers';
import type { FollowUpFacts } from './facts';
import type { FollowUpRuleId, FollowUpRules } from './rules';

export type FiredTimerDecision =
  /** Raise the follow-up now. */
  | { kind: 'due'; timer: FollowUpTimer }
  /** Still pending, but due later under the current rules (a threshold grew since the timer was set). */
  | { kind: 'not_yet_due'; timer: FollowUpTimer }
  /** Cancelled by the action it waited for, turned off, already raised, or the case closed. */
  | { kind: 'not_pending' };

/**
 * What a fired timer should do, decided afresh from the case as it is now: its rule must still be
 * pending for the same trigger and due by `now` under the current rules. A timer that is not yet due
 * raises nothing now; the timer scheduled for the new due time (or the reconciler) covers it.
 */
export function decideFiredTimer(
  facts: FollowUpFacts,
  rules: FollowUpRules,
  timeZone: string,
  fired: { ruleId: FollowUpRuleId; triggerEventId: string },
  now: Date,
): FiredTimerDecision {
  const timer = dueTimers(facts, rules, timeZone).find(
    (t) => t.ruleId === fired.ruleId && t.triggerEventId === fired.triggerEventId,
  );
  if (!timer) return { kind: 'not_pending' };
  return Date.parse(timer.dueAt) <= now.getTime() ? { kind: 'due', timer } : { kind: 'not_yet_due', timer };
}
