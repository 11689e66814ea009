import { seededUniform as seeded } from '@leap/domain';
import { ALLOCATION_FACTORS, allocate, type AllocationInput, type FactorWeights } from './allocate';

/** A feasible request: 1–40 districts, bounds around the state's, a total between n·min and n·max. */
function drawInput(random: () => number): AllocationInput {
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const count = int(1, 40);
  const minimum = int(0, 300) * 1000;
  const maximum = minimum + int(0, 800) * 1000 + int(0, 999);
  const total = int(count * minimum, count * maximum);
  const weights = Object.fromEntries(
    ALLOCATION_FACTORS.map((factor) => [factor, random() < 0.3 ? 0 : int(0, 5)]),
  ) as FactorWeights;
  if (ALLOCATION_FACTORS.every((factor) => weights[factor] === 0)) weights.enrollment = 1;
  const districts = Array.from({ length: count }, (_, index) => ({
    districtId: `d${String(int(0, 999)).padStart(3, '0')}-${index}`,
    values: {
      // Some zeros and many equal values, so ties and even splits are exercised too.
      enrollment: random() < 0.1 ? 0 : int(1, 5) * 1000,
      needIndex: Math.round(random() * 4) / 4,
      fundsSpent: random() < 0.3 ? 0 : int(0, 900_000),
      visitsHeld: random() < 0.3 ? 0 : int(0, 2000),
    },
  }));
  return { total, minimum, maximum, weights, districts };
}

const CASES = 500;

describe('when allocations are drawn at random (seeded)', () => {
  const random = seeded(20_260_101);
  const inputs = Array.from({ length: CASES }, () => drawInput(random));

  it('always sums exactly to the total, in whole dollars within the bounds', () => {
    for (const input of inputs) {
      const outcome = allocate(input);
      if (!outcome.feasible) throw new Error(`a feasible request was refused: ${JSON.stringify(input)}`);
      const amounts = outcome.districts.map((d) => d.amount);
      expect(amounts.reduce((sum, amount) => sum + amount, 0)).toBe(input.total);
      for (const amount of amounts) {
        expect(Number.isInteger(amount)).toBe(true);
        expect(amount).toBeGreaterThanOrEqual(input.minimum);
        expect(amount).toBeLessThanOrEqual(input.maximum);
      }
    }
  });

  it('gives the same answer whatever the order of the districts', () => {
    for (const input of inputs.slice(0, 100)) {
      const reversed = { ...input, districts: [...input.districts].reverse() };
      expect(allocate(reversed)).toEqual(allocate(input));
    }
  });

  it('never gives a district with a higher score a dollar less than one with a lower score', () => {
    for (const input of inputs) {
      const outcome = allocate(input);
      if (!outcome.feasible) continue;
      const byScore = [...outcome.districts].sort((a, b) => a.score - b.score);
      for (let index = 1; index < byScore.length; index++) {
        const [lower, higher] = [byScore[index - 1]!, byScore[index]!];
        if (higher.score > lower.score) expect(higher.amount).toBeGreaterThanOrEqual(lower.amount);
      }
    }
  });

  it('is within a dollar of min + score × (total − n·min) when no district reaches the maximum', () => {
    let checked = 0;
    for (const input of inputs) {
      const outcome = allocate(input);
      if (!outcome.feasible || outcome.districts.some((d) => d.amount >= input.maximum)) continue;
      const pool = input.total - input.districts.length * input.minimum;
      // The score shown is rounded to 6 decimals: allow for that besides the rounding to dollars.
      for (const district of outcome.districts)
        expect(Math.abs(district.amount - (input.minimum + district.score * pool))).toBeLessThanOrEqual(
          1 + pool * 1e-6,
        );
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('refuses exactly the requests whose bounds cannot hold the total', () => {
    for (const input of inputs.slice(0, 100)) {
      const count = input.districts.length;
      if (input.minimum > 0)
        expect(allocate({ ...input, total: count * input.minimum - 1 })).toMatchObject({
          feasible: false,
          violated: 'minimum',
        });
      expect(allocate({ ...input, total: count * input.maximum + 1 })).toMatchObject({
        feasible: false,
        violated: 'maximum',
      });
      expect(allocate({ ...input, total: count * input.maximum }).feasible).toBe(true);
      expect(allocate({ ...input, total: count * input.minimum }).feasible).toBe(true);
    }
  });
});
