import { deterministicUuid } from '@leap/commands';
import type { CallOutcome, ClosureReason, ConsentChannel } from '@leap/domain';
import type { CaseAction, CasePlan, FirstVisit, PlanInput } from './planned-actions';
import type { Random } from './random';
import { addDays } from './school-calendar';
import {
  LOCATIONS,
  STRENGTHS,
  drawBarriers,
  organizationOf,
  referrals,
  visitorsOf,
  weekdayFrom,
} from './visit-draws';

export type { CaseAction, CasePlan, FirstVisit, PlanInput, VisitorOrganizationMix } from './planned-actions';
export { REMOTE_LOCATIONS, REMOTE_SHARE, consentProbability } from './visit-draws';

const laterOf = (a: string, b: string) => (a > b ? a : b);
const earlierOf = (a: string, b: string) => (a < b ? a : b);

/** Everything that will happen on one case, drawn when the student is identified. */
export function planCase(random: Random, input: PlanInput): CasePlan {
  const { caseId, identifiedOn, district } = input;
  const id = (...parts: (string | number)[]) => deterministicUuid('demo-entry', caseId, ...parts.map(String));
  const on = (date: string) => input.nextSchoolDay(weekdayFrom(date));
  const actions: CaseAction[] = [{ kind: 'identify', date: identifiedOn }];
  const close = (date: string | null, reason: ClosureReason): CasePlan => ({
    actions,
    firstVisit: null,
    closedEarly: date === null ? null : { date, reason },
  });

  const assignable = district.visitors.filter((v) => v.trainedOn !== null || district.allowUntrainedVisitors);
  const team = random.sample(assignable, random.chance(0.65) ? 2 : 1);
  const assignedOn = on(addDays(identifiedOn, random.int(0, 4)));
  if (assignedOn === null) return close(null, 'other');
  actions.push({ kind: 'assign', date: assignedOn, visitorIds: team.map((v) => v.visitorId) });

  // Most offers within the 5 days the follow-up rule allows; some later.
  const offeredOn = on(addDays(assignedOn, random.chance(0.8) ? random.int(0, 4) : random.int(6, 12)));
  if (offeredOn === null) return close(null, 'other');
  actions.push({
    kind: 'offer',
    date: offeredOn,
    channel: random.weighted<ConsentChannel>([
      ['phone', 40],
      ['in_person', 25],
      ['letter', 15],
      ['text', 15],
      ['email', 5],
    ]),
  });
  if (random.chance(0.05)) return close(addDays(offeredOn, random.int(30, 45)), 'unreachable');
  const respondedOn = addDays(offeredOn, random.chance(0.8) ? random.int(1, 6) : random.int(8, 15));
  if (!random.chance(input.consent)) {
    const reasonCode = random.pick([
      'not_interested',
      'no_time',
      'privacy_concerns',
      'already_supported',
    ] as const);
    actions.push({ kind: 'respond', date: respondedOn, decision: 'declined', reasonCode });
    return close(addDays(respondedOn, random.int(7, 21)), 'family_declined');
  }
  actions.push({ kind: 'respond', date: respondedOn, decision: 'granted', reasonCode: null });

  let firstVisit: FirstVisit | null = null;
  const visits = Math.min(6, 1 + Math.floor(-Math.log(1 - random.next()) * 2.5));
  let date = addDays(respondedOn, random.chance(0.8) ? random.int(2, 9) : random.int(11, 20));
  let location = random.weighted(LOCATIONS);
  for (let number = 1; number <= visits; number++) {
    const visitDate = on(date);
    if (visitDate === null) break;
    const visitorIds = visitorsOf(random, team, district.visitors);
    if (random.chance(0.1)) {
      const missedId = id('visit', number, 'missed');
      const missedOn = visitDate;
      // Scheduled after what came before it (consent at least), and never after the day it was missed.
      const scheduledOn = earlierOf(
        laterOf(addDays(missedOn, -random.int(3, 7)), actions.at(-1)!.date),
        missedOn,
      );
      actions.push({
        kind: 'schedule',
        date: scheduledOn,
        visitId: missedId,
        visitDate: missedOn,
        location,
        visitorIds,
      });
      actions.push({
        kind: 'not_held',
        date: missedOn,
        visitId: missedId,
        reasonCode: random.pick(['family_unavailable', 'illness', 'rescheduled', 'weather'] as const),
      });
      date = addDays(missedOn, random.int(3, 8));
      const rescheduled = on(date);
      if (rescheduled === null) break;
      date = rescheduled;
    } else date = visitDate;
    const barriers = number === 1 || random.chance(0.3) ? drawBarriers(random) : [];
    const last = number === visits;
    actions.push({
      kind: 'held',
      date,
      visitId: id('visit', number),
      location,
      visitorIds,
      barriers,
      strengthCodes: random.sample(STRENGTHS, random.int(1, 3)),
      familyWantsToContinue: !last,
    });
    if (number === 1)
      firstVisit = { date, location, organization: organizationOf(visitorIds, district.visitors) };
    referrals(random, actions, date, barriers, district, id, number);
    if (random.chance(0.04)) {
      const withdrawnOn = addDays(date, random.int(5, 20));
      actions.push({
        kind: 'respond',
        date: withdrawnOn,
        decision: 'withdrawn',
        reasonCode: random.pick(['no_time', 'moving', 'not_interested'] as const),
      });
      return {
        actions,
        firstVisit,
        closedEarly: { date: addDays(withdrawnOn, random.int(7, 14)), reason: 'family_declined' },
      };
    }
    const gap = random.int(18, 40);
    if (!last && random.chance(0.5))
      actions.push({
        kind: 'call',
        date: weekdayFrom(addDays(date, Math.floor(gap / 2))),
        callId: id('call', number),
        outcome: random.weighted<CallOutcome>([
          ['reached', 60],
          ['voicemail', 25],
          ['no_answer', 12],
          ['wrong_number', 3],
        ]),
      });
    date = addDays(date, gap);
    // Families mostly keep their place; some move between home, school and virtual.
    if (random.chance(0.25)) location = random.weighted(LOCATIONS);
  }
  return { actions, firstVisit, closedEarly: null };
}
