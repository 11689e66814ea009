import { deterministicUuid } from '@leap/commands';
import type {
  Barrier,
  CallOutcome,
  ClosureReason,
  ConsentChannel,
  ConsentRefusalReason,
  ReferralOutcome,
  ResourceType,
  StrengthCode,
  VisitLocation,
  VisitNotHeldReason,
} from '@leap/domain';
import type { DemoDistrict, DemoVisitor } from './population';
import type { Random } from './random';
import { addDays, weekday } from './school-calendar';

/** What happens on a case, in business-date order; who does it is the coordinator, a visitor or the system. */
export type CaseAction = { date: string } & (
  | { kind: 'identify' }
  | { kind: 'assign'; visitorIds: string[] }
  | { kind: 'offer'; channel: ConsentChannel }
  | {
      kind: 'respond';
      decision: 'granted' | 'declined' | 'withdrawn';
      reasonCode: ConsentRefusalReason | null;
    }
  | { kind: 'schedule'; visitId: string; visitDate: string; location: VisitLocation; visitorIds: string[] }
  | { kind: 'not_held'; visitId: string; reasonCode: VisitNotHeldReason }
  | {
      kind: 'held';
      visitId: string;
      location: VisitLocation;
      visitorIds: string[];
      barriers: Barrier[];
      strengthCodes: StrengthCode[];
      familyWantsToContinue: boolean;
    }
  | { kind: 'call'; callId: string; outcome: CallOutcome }
  | { kind: 'refer'; referralId: string; resourceType: ResourceType; partnerId: string | null }
  | { kind: 'referral_outcome'; referralId: string; outcome: ReferralOutcome }
  | { kind: 'check'; checkId: string; asOf: string; daysEnrolled: number; daysAbsent: number }
  | { kind: 'transfer'; toSchoolId: string }
  | { kind: 'close'; reason: ClosureReason }
);

export type VisitorOrganizationMix = 'school' | 'community' | 'mixed';

export interface FirstVisit {
  date: string;
  location: VisitLocation;
  organization: VisitorOrganizationMix;
}

export interface CasePlan {
  actions: CaseAction[];
  /** The family consented and visit #1 was held: the student is served from then on. */
  firstVisit: FirstVisit | null;
  /** When the case closes early (declined, withdrawn, unreachable), else null. */
  closedEarly: { date: string; reason: ClosureReason } | null;
}

export interface PlanInput {
  caseId: string;
  identifiedOn: string;
  district: DemoDistrict;
  /** Probability that the family consents (see `consentProbability`). */
  consent: number;
  /** Visits wait for school to be in session: a date in July or August moves to this day. */
  nextSchoolDay: (date: string) => string | null;
}

const LOCATIONS: readonly (readonly [VisitLocation, number])[] = [
  ['home', 45],
  ['school', 20],
  ['community', 12],
  ['virtual', 13],
  ['phone', 10],
];
export const REMOTE_LOCATIONS: readonly VisitLocation[] = ['virtual', 'phone'];
/** The share of first visits that are virtual or by phone. */
export const REMOTE_SHARE = 0.23;

const BARRIER_WEIGHTS: readonly (readonly [Barrier, number])[] = [
  ['transportation', 14],
  ['health', 12],
  ['mental_health', 12],
  ['housing', 8],
  ['food', 7],
  ['broadband_device', 6],
  ['language', 6],
  ['childcare', 6],
  ['work_schedule', 9],
  ['school_climate', 7],
  ['bullying', 5],
  ['immigration', 2],
  ['other', 6],
];
const RESOURCE_OF: Partial<Record<Barrier, ResourceType>> = {
  transportation: 'transportation',
  housing: 'housing',
  health: 'health',
  mental_health: 'mental_health',
  food: 'food',
  broadband_device: 'broadband',
  language: 'translation',
  childcare: 'childcare',
  work_schedule: 'employment',
  immigration: 'immigration',
};
const STRENGTHS = [
  'family_engagement',
  'student_interests',
  'supportive_relationships',
  'school_connection',
  'community_ties',
  'resilience',
] as const satisfies readonly StrengthCode[];

const laterOf = (a: string, b: string) => (a > b ? a : b);
const earlierOf = (a: string, b: string) => (a < b ? a : b);

/** The next weekday on or after `date`. */
function weekdayFrom(date: string): string {
  let day = date;
  while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, 1);
  return day;
}

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

/** The assigned visitors, and now and then a colleague of the district joining a lone visitor. */
function visitorsOf(random: Random, team: DemoVisitor[], all: DemoVisitor[]): string[] {
  const ids = team.map((v) => v.visitorId);
  if (ids.length === 1 && random.chance(0.15)) {
    const other = random.pick(all);
    if (!ids.includes(other.visitorId)) ids.push(other.visitorId);
  }
  return ids;
}

function organizationOf(visitorIds: string[], all: DemoVisitor[]): VisitorOrganizationMix {
  const types = new Set(visitorIds.map((id) => all.find((v) => v.visitorId === id)!.organization.type));
  return types.size > 1 ? 'mixed' : (types.values().next().value ?? 'school');
}

function drawBarriers(random: Random): Barrier[] {
  const count = random.weighted([
    [0, 15],
    [1, 40],
    [2, 30],
    [3, 15],
  ] as const);
  const barriers = new Set<Barrier>();
  while (barriers.size < count) barriers.add(random.weighted(BARRIER_WEIGHTS));
  return [...barriers];
}

function referrals(
  random: Random,
  actions: CaseAction[],
  visitDate: string,
  barriers: Barrier[],
  district: DemoDistrict,
  id: (...parts: (string | number)[]) => string,
  visitNumber: number,
): void {
  for (const barrier of barriers) {
    const resourceType = RESOURCE_OF[barrier];
    if (!resourceType || !random.chance(0.6)) continue;
    const partner = district.partners.find((p) => p.resourceTypes.includes(resourceType)) ?? null;
    const referralId = id('referral', visitNumber, barrier);
    const referredOn = weekdayFrom(addDays(visitDate, random.int(0, 3)));
    actions.push({
      kind: 'refer',
      date: referredOn,
      referralId,
      resourceType,
      partnerId: partner?.partnerId ?? null,
    });
    if (random.chance(0.85))
      actions.push({
        kind: 'referral_outcome',
        date: addDays(referredOn, random.chance(0.7) ? random.int(5, 13) : random.int(15, 35)),
        referralId,
        outcome: random.weighted<ReferralOutcome>([
          ['connected', 55],
          ['pending', 15],
          ['declined', 15],
          ['unavailable', 15],
        ]),
      });
  }
}

/**
 * The probability that a family consents: it depends only on what an evaluation can observe and
 * match on, attendance before identification and the flags, as strongly as `selection` says.
 */
export function consentProbability(
  selection: number,
  attendanceBefore: number,
  flags: { housingInsecure: boolean; englishLearner: boolean },
): number {
  const logit =
    1 +
    selection *
      ((attendanceBefore - 0.85) * 12 - (flags.housingInsecure ? 0.5 : 0) - (flags.englishLearner ? 0.2 : 0));
  return 1 / (1 + Math.exp(-logit));
}
