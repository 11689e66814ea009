import type { Barrier, ReferralOutcome, ResourceType, StrengthCode, VisitLocation } from '@leap/domain';
import type { CaseAction, VisitorOrganizationMix } from './planned-actions';
import type { DemoDistrict, DemoVisitor } from './population';
import type { Random } from './random';
import { addDays, weekday } from './school-calendar';

/**
 * What a case's visits bring, drawn with plausible weights (not measured ones): where visits take
 * place, which barriers families name, which resources they are referred to, how referrals end.
 */
export const LOCATIONS: readonly (readonly [VisitLocation, number])[] = [
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
export const STRENGTHS = [
  'family_engagement',
  'student_interests',
  'supportive_relationships',
  'school_connection',
  'community_ties',
  'resilience',
] as const satisfies readonly StrengthCode[];

/** The next weekday on or after `date`. */
export function weekdayFrom(date: string): string {
  let day = date;
  while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, 1);
  return day;
}

/** The assigned visitors, and now and then a colleague of the district joining a lone visitor. */
export function visitorsOf(random: Random, team: DemoVisitor[], all: DemoVisitor[]): string[] {
  const ids = team.map((v) => v.visitorId);
  if (ids.length === 1 && random.chance(0.15)) {
    const other = random.pick(all);
    if (!ids.includes(other.visitorId)) ids.push(other.visitorId);
  }
  return ids;
}

export function organizationOf(visitorIds: string[], all: DemoVisitor[]): VisitorOrganizationMix {
  const types = new Set(visitorIds.map((id) => all.find((v) => v.visitorId === id)!.organization.type));
  return types.size > 1 ? 'mixed' : (types.values().next().value ?? 'school');
}

export function drawBarriers(random: Random): Barrier[] {
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

export function referrals(
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
