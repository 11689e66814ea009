import type { Principal } from '@leap/auth';
import { ChangeCaseCommand, caseStreamId } from '@leap/cases';
import { deterministicUuid, readHistory, type CommandContext } from '@leap/commands';
import {
  dueTimers,
  foldFollowUpFacts,
  startOfDate,
  type FollowUpResolution,
  type FollowUpRuleId,
} from '@leap/domain';
import { followUpIdOf } from '@leap/follow-ups';
import { Random } from '../simulation/random';
import type { DemoCase, DemoWorld } from '../simulation/simulate';
import { SYSTEM_ACTOR, system } from './case-actions';
import { districtPrincipal, type DemoServices } from './demo-services';

const RESOLUTION: Record<FollowUpRuleId, FollowUpResolution> = {
  offer_consent: 'family_contacted',
  consent_answer: 'family_contacted',
  first_visit: 'visit_scheduled',
  next_visit: 'visit_scheduled',
  referral_outcome: 'family_contacted',
  attendance_escalation: 'escalated',
  no_contact: 'family_contacted',
  attendance_data_missing: 'no_action_needed',
  new_candidate: 'no_action_needed',
};

/**
 * The follow-ups the simulated clock implies by `date`: every timer of the case (the district's
 * rules, computed from the case's history as the live planner does) due before that day
 * starts is raised by the system, as a fired timer would; the school's attendance team then claims
 * most of them and completes most of those that day. Live timers stay off while the demo writes,
 * so what is raised depends on business dates only, never on when the demo ran.
 */
export async function followUpsDueBy(
  services: DemoServices,
  world: DemoWorld,
  c: DemoCase,
  date: string,
  context: (actor: Principal | typeof SYSTEM_ACTOR, ...parts: string[]) => CommandContext,
): Promise<number> {
  const district = world.districts[c.districtIndex]!;
  const history = await readHistory(services.store, caseStreamId(c.caseId));
  if (history.length === 0) return 0;
  const rules = await services.followUpRules(district.districtId);
  const due = dueTimers(foldFollowUpFacts(history), rules, district.timeZone).filter(
    (timer) => Date.parse(timer.dueAt) <= startOfDate(date, district.timeZone),
  );
  for (const timer of due) {
    const followUpId = followUpIdOf(c.caseId, timer.ruleId, timer.triggerEventId);
    const raise = context(SYSTEM_ACTOR, 'raise', followUpId);
    await system(
      services,
      c,
      {
        ...raise,
        commandId: deterministicUuid('raise-follow-up', followUpId),
        causationId: timer.triggerEventId,
      },
      {
        type: 'RaiseFollowUp',
        data: {
          followUpId,
          rule: timer.ruleId,
          reason: timer.reason,
          dueAt: timer.dueAt,
          triggerEventId: timer.triggerEventId,
          entryId: timer.entryId,
        },
        actorId: SYSTEM_ACTOR.id,
      },
    );
    const random = Random.of(world.parameters.seed, 'follow-up', followUpId);
    if (!random.chance(0.75)) continue;
    const member = districtPrincipal(random.pick(district.team), 'attendance_team', district.districtId);
    const work = (command: ChangeCaseCommand['command'], step: string) =>
      services.change.execute(
        new ChangeCaseCommand(c.caseId, member, context(member, step, followUpId), command),
      );
    await work({ type: 'ClaimFollowUp', data: { followUpId }, actorId: member.sub }, 'claim');
    if (!random.chance(0.85)) continue;
    await work(
      {
        type: 'CompleteFollowUp',
        data: {
          followUpId,
          resolution: RESOLUTION[timer.ruleId],
          completedOn: date,
          pii: { outcome: 'Spoke with the family and agreed on next steps.' },
        },
        actorId: member.sub,
      },
      'complete',
    );
  }
  return due.length;
}
