import {
  isTargeted,
  type DistrictSettings,
  type StudentFlags,
  type TargetingApproach,
  type Tier,
} from '@leap/domain';
import {
  yearFiguresOf,
  type MonthFigures,
  type PeriodFigures,
  type RosterFacts,
  type StudentAttendanceDoc,
} from '@leap/attendance';

export type TrendDirection = 'worsening' | 'steady' | 'improving' | 'unknown';

/**
 * How the absences of the last months move: the latest month's absent share against the mean of
 * the (up to) two months before it, in percentage points (positive: more absences). A change of
 * `TREND_POINTS` or more either way is worsening or improving; fewer than two months with enough
 * enrolled days for a tier give `unknown`.
 */
export interface Trend {
  direction: TrendDirection;
  /** Percentage points of days absent, latest month minus the months before (null when unknown). */
  change: number | null;
  /** The months compared, oldest first. */
  months: string[];
}

export const TREND_POINTS = 2;

export function trendOf(months: readonly MonthFigures[]): Trend {
  const tiered = months.filter((month) => month.tier !== null).slice(-3);
  if (tiered.length < 2) return { direction: 'unknown', change: null, months: tiered.map((m) => m.month) };
  const share = (m: MonthFigures) => (m.daysAbsent * 100) / m.daysEnrolled;
  const latest = tiered.at(-1)!;
  const before = tiered.slice(0, -1);
  const change =
    Math.round((share(latest) - before.reduce((sum, m) => sum + share(m), 0) / before.length) * 10) / 10;
  const direction = change >= TREND_POINTS ? 'worsening' : change <= -TREND_POINTS ? 'improving' : 'steady';
  return { direction, change, months: tiered.map((m) => m.month) };
}

export const TIER_RANK: Record<Tier, number> = { satisfactory: 0, at_risk: 1, chronic: 2, severe_chronic: 3 };
const TREND_RANK: Record<TrendDirection, number> = { worsening: 2, steady: 1, unknown: 1, improving: 0 };

/** Why a student is listed: stable codes, most important first. */
export type CandidateReason =
  | 'year_to_date_severe_chronic'
  | 'year_to_date_chronic'
  | 'year_to_date_at_risk'
  | 'latest_month_chronic'
  | 'absences_rising'
  | 'free_reduced_lunch'
  | 'english_learner'
  | 'housing_insecure'
  | 'targeted_school'
  | 'targeted_grade'
  | 'targeted_group';

export interface Candidate {
  student: string;
  studentId: string | null;
  roster: RosterFacts;
  schoolYear: string;
  latestMonth: MonthFigures;
  yearToDate: PeriodFigures;
  /** The year-to-date tier (never null for a candidate). */
  tier: Tier;
  trend: Trend;
  needScore: number;
  reasons: CandidateReason[];
  targetingApproach: TargetingApproach;
}

/**
 * The need score orders candidates, highest first, lexicographically by:
 * 1. the year-to-date tier (severe chronic 3, chronic 2, at risk 1),
 * 2. the trend of the last months (worsening 2, steady or unknown 1, improving 0),
 * 3. the flags, free/reduced lunch before English learner before housing insecurity (bits 4, 2, 1),
 * 4. the year-to-date share of days absent, in tenths of a percent (0–999).
 * As one integer: tier × 100 000 + trend × 10 000 + flags × 1 000 + absent share ‰.
 */
export function needScoreOf(
  tier: Tier,
  trend: TrendDirection,
  flags: StudentFlags,
  yearToDate: PeriodFigures,
): number {
  const flagBits =
    (flags.freeReducedLunch ? 4 : 0) + (flags.englishLearner ? 2 : 0) + (flags.housingInsecure ? 1 : 0);
  const absentPerMille =
    yearToDate.daysEnrolled > 0
      ? Math.min(999, Math.floor((yearToDate.daysAbsent * 1000) / yearToDate.daysEnrolled))
      : 0;
  return TIER_RANK[tier] * 100_000 + TREND_RANK[trend] * 10_000 + flagBits * 1_000 + absentPerMille;
}

/**
 * The student as a candidate of their district in `schoolYear`, or null when not one: a rostered
 * student the district's targeting approach covers, whose year to date is at risk or worse, or
 * whose latest month is chronic or worse (with a year-to-date tier). Students with an open case
 * are left out by the caller.
 */
export function candidateOf(
  doc: StudentAttendanceDoc,
  settings: Pick<DistrictSettings, 'targeting' | 'minimumEnrolledDays'>,
  schoolYear: string,
): Candidate | null {
  const roster = doc.roster;
  if (!roster || !isTargeted(roster, settings.targeting)) return null;
  const year = yearFiguresOf(doc, schoolYear, settings.minimumEnrolledDays);
  const latestMonth = year.months.at(-1);
  const tier = year.yearToDate.tier;
  if (!latestMonth || tier === null) return null;
  const latestChronic = latestMonth.tier !== null && TIER_RANK[latestMonth.tier] >= TIER_RANK.chronic;
  if (tier === 'satisfactory' && !latestChronic) return null;
  const trend = trendOf(year.months);
  return {
    student: doc.student,
    studentId: doc.studentId,
    roster,
    schoolYear,
    latestMonth,
    yearToDate: year.yearToDate,
    tier,
    trend,
    needScore: needScoreOf(tier, trend.direction, roster.flags, year.yearToDate),
    reasons: reasonsOf(tier, latestChronic, trend, roster, settings.targeting.approach),
    targetingApproach: settings.targeting.approach,
  };
}

function reasonsOf(
  tier: Tier,
  latestChronic: boolean,
  trend: Trend,
  roster: RosterFacts,
  approach: TargetingApproach,
): CandidateReason[] {
  const reasons: CandidateReason[] = [];
  if (tier === 'severe_chronic') reasons.push('year_to_date_severe_chronic');
  if (tier === 'chronic') reasons.push('year_to_date_chronic');
  if (tier === 'at_risk') reasons.push('year_to_date_at_risk');
  if (latestChronic) reasons.push('latest_month_chronic');
  if (trend.direction === 'worsening') reasons.push('absences_rising');
  if (roster.flags.freeReducedLunch) reasons.push('free_reduced_lunch');
  if (roster.flags.englishLearner) reasons.push('english_learner');
  if (roster.flags.housingInsecure) reasons.push('housing_insecure');
  if (approach === 'school_subset') reasons.push('targeted_school');
  if (approach === 'transition_grade') reasons.push('targeted_grade');
  if (approach === 'demographic_focus') reasons.push('targeted_group');
  return reasons;
}

/** Highest need first; equal scores by pseudonym, so the order (and the cursor) is total. */
export const byNeed = (a: Candidate, b: Candidate): number =>
  b.needScore - a.needScore || (a.student < b.student ? -1 : a.student > b.student ? 1 : 0);

/** Whether `candidate` comes after the cursor's `(needScore, student)` in `byNeed` order. */
export const isAfter = (candidate: Candidate, cursor: { needScore: number; student: string }): boolean =>
  candidate.needScore < cursor.needScore ||
  (candidate.needScore === cursor.needScore && candidate.student > cursor.student);
