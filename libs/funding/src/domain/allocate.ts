import { largestRemainder } from './whole-dollars';

/**
 * What a district's award is weighed by: its size (enrollment), its need (the need index of the
 * district priority), and its year-one performance (funds spent, home visits held).
 */
export const ALLOCATION_FACTORS = ['enrollment', 'needIndex', 'fundsSpent', 'visitsHeld'] as const;
export type AllocationFactor = (typeof ALLOCATION_FACTORS)[number];
export type FactorWeights = Record<AllocationFactor, number>;

export interface DistrictFactors {
  districtId: string;
  /** Non-negative figures, one per factor. */
  values: Record<AllocationFactor, number>;
}

export interface AllocationInput {
  /** Whole dollars to hand out, exactly. */
  total: number;
  /** Whole dollars every selected district receives at least. */
  minimum: number;
  /** Whole dollars no selected district receives more than. */
  maximum: number;
  /** Non-negative, at least one positive. */
  weights: FactorWeights;
  districts: readonly DistrictFactors[];
}

export interface FactorShare {
  value: number;
  /** The district's part of the selected districts' sum of this factor, 0–1. */
  share: number;
}

export interface DistrictAllocation {
  districtId: string;
  factors: Record<AllocationFactor, FactorShare>;
  /** The weighted mean of the factor shares; the scores of the selected districts sum to 1. */
  score: number;
  /** Whole dollars. */
  amount: number;
  /** Which bound the award sits on, if any. */
  bound: 'minimum' | 'maximum' | null;
}

export type AllocationOutcome =
  | { feasible: true; districts: DistrictAllocation[] }
  | {
      feasible: false;
      /** `minimum`: the districts' minimums exceed the total; `maximum`: their maximums fall short of it. */
      violated: 'minimum' | 'maximum';
      districtCount: number;
    };

/**
 * Shares a total among districts, in whole dollars:
 * 1. each factor's share is the district's value over the selected districts' sum of it (a factor
 *    that is zero for every selected district splits evenly: it tells them apart on nothing);
 * 2. the score is the weighted mean of the shares: `Σ wᶠ·shareᶠ / Σ wᶠ`;
 * 3. every district receives the minimum; what is left (`total − n·minimum`) is shared by score;
 *    a district whose award would pass the maximum is capped there and the excess is shared again
 *    among the others by score (water-filling), until nobody passes it; when only districts with a
 *    zero score remain uncapped, they share what is left evenly;
 * 4. the amounts are rounded down to whole dollars and the dollars left go one each to the largest
 *    fractions (ties: the smaller district id), never past a bound.
 * Guarantees: the amounts sum to `total` exactly and lie within [minimum, maximum]; the result does
 * not depend on the order of the districts. Infeasible when `n·minimum > total` or `n·maximum < total`.
 * Inputs are assumed valid (integers, minimum ≤ maximum, weights non-negative with one positive,
 * distinct district ids): see `allocationProblems`.
 */
export function allocate(input: AllocationInput): AllocationOutcome {
  const districts = [...input.districts].sort((a, b) => compareIds(a.districtId, b.districtId));
  const count = districts.length;
  const { total, minimum, maximum } = input;
  if (count * minimum > total) return { feasible: false, violated: 'minimum', districtCount: count };
  if (count * maximum < total) return { feasible: false, violated: 'maximum', districtCount: count };

  const factorShares = sharesOf(districts);
  const weightSum = ALLOCATION_FACTORS.reduce((sum, factor) => sum + input.weights[factor], 0);
  const scores = factorShares.map(
    (shares) =>
      ALLOCATION_FACTORS.reduce((sum, factor) => sum + input.weights[factor] * shares[factor], 0) / weightSum,
  );
  const extras = waterFill(scores, total - count * minimum, maximum - minimum);
  const amounts = largestRemainder(
    extras.map((extra) => minimum + extra),
    total,
    minimum,
    maximum,
  );
  return {
    feasible: true,
    districts: districts.map((district, index) => {
      const amount = amounts[index]!;
      const shares = factorShares[index]!;
      return {
        districtId: district.districtId,
        factors: Object.fromEntries(
          ALLOCATION_FACTORS.map((factor) => [
            factor,
            { value: district.values[factor], share: round6(shares[factor]) },
          ]),
        ) as Record<AllocationFactor, FactorShare>,
        score: round6(scores[index]!),
        amount,
        bound: amount === minimum ? 'minimum' : amount === maximum ? 'maximum' : null,
      };
    }),
  };
}

/** Each district's share of each factor's sum; an all-zero factor splits evenly. */
function sharesOf(districts: readonly DistrictFactors[]): Record<AllocationFactor, number>[] {
  const sums = Object.fromEntries(
    ALLOCATION_FACTORS.map((factor) => [
      factor,
      districts.reduce((sum, district) => sum + district.values[factor], 0),
    ]),
  ) as Record<AllocationFactor, number>;
  return districts.map(
    (district) =>
      Object.fromEntries(
        ALLOCATION_FACTORS.map((factor) => [
          factor,
          sums[factor] > 0 ? district.values[factor] / sums[factor] : 1 / districts.length,
        ]),
      ) as Record<AllocationFactor, number>,
  );
}

/**
 * Shares `pool` by score with no part above `cap`. Capping only ever raises the others' parts, so a
 * district capped once stays capped: at most one round per district.
 */
export function waterFill(scores: readonly number[], pool: number, cap: number): number[] {
  const parts = scores.map(() => 0);
  const capped = scores.map(() => false);
  let remaining = pool;
  for (;;) {
    const free = scores.map((_, index) => index).filter((index) => !capped[index]);
    if (free.length === 0 || remaining <= 0) return parts;
    const scoreSum = free.reduce((sum, index) => sum + scores[index]!, 0);
    const offer = (index: number) =>
      scoreSum > 0 ? (remaining * scores[index]!) / scoreSum : remaining / free.length;
    const over = free.filter((index) => offer(index) >= cap);
    if (over.length === 0) {
      for (const index of free) parts[index] = offer(index);
      return parts;
    }
    for (const index of over) {
      parts[index] = cap;
      capped[index] = true;
    }
    remaining -= over.length * cap;
  }
}

/** District ids in code-unit order: the same on every machine and locale. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const round6 = (value: number): number => Math.round(value * 1_000_000) / 1_000_000;
