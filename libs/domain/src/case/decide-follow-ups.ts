import { conflict, notFound } from '../decider';
import { latestSnoozeUntil, MAX_SNOOZE_DAYS } from './calendar';
import type { ClaimFollowUp, CompleteFollowUp, RaiseFollowUp, SnoozeFollowUp } from './commands';
import type { FollowUpClaimed, FollowUpCompleted, FollowUpDue, FollowUpSnoozed } from './events';
import type { FollowUpEntry, OpenCase } from './state';

/**
 * Follow-ups on a case. A follow-up is raised at most once per rule and triggering event, however
 * often a timer fires or a worker retries: a second raise decides nothing. Team members then claim,
 * snooze and complete it; an item someone else holds is theirs until they complete it.
 */
export function raiseFollowUp(command: RaiseFollowUp, c: OpenCase): FollowUpDue[] {
  const { followUpId, rule, triggerEventId } = command.data;
  const raised = c.followUps.some(
    (f) => f.followUpId === followUpId || (f.rule === rule && f.triggerEventId === triggerEventId),
  );
  return raised ? [] : [{ type: 'FollowUpDue.v1', data: { ...command.data } }];
}

/** Claiming is idempotent for the holder; another holder's item answers `already_claimed`. */
export function claimFollowUp(command: ClaimFollowUp, c: OpenCase): FollowUpClaimed[] {
  const followUp = requireActionable(c, command.data.followUpId);
  if (followUp.assignee === command.actorId) return [];
  requireNotHeldByOther(followUp, command.actorId);
  return [
    { type: 'FollowUpClaimed.v1', data: { followUpId: followUp.followUpId, claimedBy: command.actorId } },
  ];
}

export function completeFollowUp(command: CompleteFollowUp, c: OpenCase): FollowUpCompleted[] {
  const followUp = requireActionable(c, command.data.followUpId);
  requireNotHeldByOther(followUp, command.actorId);
  const { resolution, completedOn, pii } = command.data;
  return [
    {
      type: 'FollowUpCompleted.v2',
      data: { followUpId: followUp.followUpId, resolution, completedOn, completedBy: command.actorId, pii },
    },
  ];
}

export function snoozeFollowUp(command: SnoozeFollowUp, c: OpenCase): FollowUpSnoozed[] {
  const followUp = requireActionable(c, command.data.followUpId);
  requireNotHeldByOther(followUp, command.actorId);
  const { until, requestedAt } = command.data;
  if (Date.parse(until) <= Date.parse(requestedAt)) {
    throw conflict('snooze_not_in_future', `Snooze until ${until} is not after ${requestedAt}`);
  }
  if (Date.parse(until) > latestSnoozeUntil(requestedAt)) {
    throw conflict('snooze_too_far', `Snooze at most ${MAX_SNOOZE_DAYS} days ahead, not until ${until}`);
  }
  return [{ type: 'FollowUpSnoozed.v1', data: { followUpId: followUp.followUpId, until } }];
}

/** An open or snoozed follow-up of this case; completed and resolved ones accept nothing more. */
function requireActionable(c: OpenCase, followUpId: string): FollowUpEntry {
  const followUp = c.followUps.find((f) => f.followUpId === followUpId);
  if (!followUp) throw notFound('follow_up_not_found', `There is no follow-up ${followUpId}`);
  if (followUp.state === 'completed' || followUp.state === 'resolved') {
    throw conflict('follow_up_closed', `Follow-up ${followUpId} is already ${followUp.state}`);
  }
  return followUp;
}

function requireNotHeldByOther(followUp: FollowUpEntry, actorId: string): void {
  if (followUp.assignee !== null && followUp.assignee !== actorId) {
    throw conflict('already_claimed', `Follow-up ${followUp.followUpId} is claimed by ${followUp.assignee}`);
  }
}
