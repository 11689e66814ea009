import type { DistrictProfileFigures } from '@leap/domain';

/**
 * The factors of the district need index, the ones the state used to choose its first districts.
 * `higherMeansNeed` says which end of each factor is need: more students, lower attendance, larger
 * shares of free/reduced-lunch, English-learner and remote-learning students.
 */
export const NEED_FACTORS = [
  'enrollment',
  'attendanceRate',
  'freeReducedLunchShare',
  'englishLearnerShare',
  'remoteLearningShare',
] as const;
export type NeedFactor = (typeof NEED_FACTORS)[number];
export type NeedWeights = Record<NeedFactor, number>;

const HIGHER_MEANS_NEED: Record<NeedFactor, boolean> = {
  enrollment: true,
  attendanceRate: false,
  freeReducedLunchShare: true,
  englishLearnerShare: true,
  remoteLearningShare: true,
};

/** Every factor counts the same until the state saves its own defaults. */
export const DEFAULT_NEED_WEIGHTS: NeedWeights = {
  enrollment: 1,
  attendanceRate: 1,
  freeReducedLunchShare: 1,
  englishLearnerShare: 1,
  remoteLearningShare: 1,
};

export interface RankedDistrict {
  rank: number;
  profile: DistrictProfileFigures;
  /** Each factor min-max normalised across the districts ranked, 0 (least need) to 1 (most need). */
  normalised: NeedWeights;
  /** The weighted mean of the normalised factors, 0 to 1 (4 decimals). */
  needIndex: number;
}

/**
 * Ranks districts by need. Each factor is min-max normalised across the districts:
 * `(value − min) / (max − min)`, reversed (`(max − value) / (max − min)`) for the attendance rate,
 * so 1 is always the most need; a factor on which every district is equal normalises to 0 for all
 * (it tells them apart on nothing). The index is `Σ weightᵢ · normalisedᵢ / Σ weightᵢ`. Highest
 * index first; equal indexes by district id. The weights must hold at least one positive weight.
 */
export function rankDistricts(
  profiles: readonly DistrictProfileFigures[],
  weights: NeedWeights,
): RankedDistrict[] {
  const totalWeight = NEED_FACTORS.reduce((sum, factor) => sum + weights[factor], 0);
  const ranges = Object.fromEntries(
    NEED_FACTORS.map((factor) => {
      const values = profiles.map((profile) => profile[factor]);
      return [factor, { min: Math.min(...values), max: Math.max(...values) }];
    }),
  ) as Record<NeedFactor, { min: number; max: number }>;
  const scored = profiles.map((profile) => {
    const normalised = Object.fromEntries(
      NEED_FACTORS.map((factor) => {
        const { min, max } = ranges[factor];
        if (max === min) return [factor, 0];
        const share = HIGHER_MEANS_NEED[factor] ? profile[factor] - min : max - profile[factor];
        return [factor, round4(share / (max - min))];
      }),
    ) as NeedWeights;
    const weighted = NEED_FACTORS.reduce((sum, factor) => sum + weights[factor] * normalised[factor], 0);
    return { profile, normalised, needIndex: round4(weighted / totalWeight) };
  });
  scored.sort((a, b) => b.needIndex - a.needIndex || (a.profile.districtId < b.profile.districtId ? -1 : 1));
  return scored.map((district, index) => ({ rank: index + 1, ...district }));
}

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

/** Where a set of weights is wrong (an empty list: they are fine). */
export interface WeightProblem {
  path: string;
  reason: string;
}

export function weightProblems(weights: Partial<Record<string, unknown>>, prefix: string): WeightProblem[] {
  const problems: WeightProblem[] = [];
  for (const factor of NEED_FACTORS) {
    const value = weights[factor];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1000)
      problems.push({ path: `${prefix}${factor}`, reason: `${factor} must be a number from 0 to 1000` });
  }
  if (problems.length === 0 && NEED_FACTORS.every((factor) => weights[factor] === 0))
    problems.push({
      path: prefix.replace(/\.$/, '') || 'weights',
      reason: 'at least one weight must be positive',
    });
  return problems;
}

/**
 * Per-request weights as `enrollment:1,attendanceRate:2`: the factors named replace those of
 * `base` (the state's saved defaults), the others keep theirs. Problems name `weights.<factor>`.
 */
export function parseWeights(
  text: string,
  base: NeedWeights,
): { weights: NeedWeights; problems: WeightProblem[] } {
  const weights: Record<string, unknown> = { ...base };
  const problems: WeightProblem[] = [];
  for (const pair of text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const match = /^([A-Za-z]+)\s*[:=]\s*(.+)$/.exec(pair);
    if (!match) {
      problems.push({ path: 'weights', reason: `"${pair.slice(0, 40)}" must read factor:weight` });
      continue;
    }
    const [, factor = '', value = ''] = match;
    if (!(NEED_FACTORS as readonly string[]).includes(factor)) {
      problems.push({
        path: `weights.${factor}`,
        reason: `unknown factor; factors are ${NEED_FACTORS.join(', ')}`,
      });
      continue;
    }
    weights[factor] = /^\s*[0-9]+(\.[0-9]+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  }
  // Every bad pair is reported at once: the unreadable ones above and the out-of-range values here.
  const invalid = weightProblems(weights, 'weights.');
  if (problems.length > 0)
    return { weights: base, problems: [...problems, ...invalid.filter(({ path }) => path !== 'weights')] };
  return { weights: weights as NeedWeights, problems: invalid };
}
