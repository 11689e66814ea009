import { allocate, type AllocationInput, type DistrictFactors, type FactorWeights } from './allocate';

const ONLY_ENROLLMENT: FactorWeights = { enrollment: 1, needIndex: 0, fundsSpent: 0, visitsHeld: 0 };
const EVERY_FACTOR: FactorWeights = { enrollment: 1, needIndex: 1, fundsSpent: 1, visitsHeld: 1 };

const district = (districtId: string, enrollment: number, rest: Partial<DistrictFactors['values']> = {}) => ({
  districtId,
  values: { enrollment, needIndex: 0, fundsSpent: 0, visitsHeld: 0, ...rest },
});

const run = (input: Partial<AllocationInput> & Pick<AllocationInput, 'districts'>) => {
  const outcome = allocate({
    total: 1_000_000,
    minimum: 0,
    maximum: 1_000_000,
    weights: ONLY_ENROLLMENT,
    ...input,
  });
  if (!outcome.feasible) throw new Error(`infeasible: ${outcome.violated}`);
  return outcome.districts;
};
const amounts = (districts: { districtId: string; amount: number }[]) =>
  Object.fromEntries(districts.map((d) => [d.districtId, d.amount]));

describe('when a total is shared by the factors alone (no bound binding)', () => {
  it('gives each district its score share of what is left above the minimums', () => {
    const result = run({
      total: 1_000_000,
      minimum: 100_000,
      districts: [district('a', 1000), district('b', 3000)],
    });
    // 800,000 above the minimums, shared 1:3.
    expect(amounts(result)).toEqual({ a: 300_000, b: 700_000 });
    expect(result[0]).toMatchObject({
      districtId: 'a',
      factors: { enrollment: { value: 1000, share: 0.25 } },
      score: 0.25,
      bound: null,
    });
  });

  it('weighs the factors by their weights', () => {
    const districts = [
      district('a', 1000, { needIndex: 1, fundsSpent: 0, visitsHeld: 30 }),
      district('b', 1000, { needIndex: 0, fundsSpent: 500, visitsHeld: 10 }),
    ];
    // shares: enrollment ½/½, need 1/0, funds 0/1, visits ¾/¼ → a = (½ + 1 + 0 + ¾)/4 = 0.5625
    const result = run({ total: 160_000, districts, weights: EVERY_FACTOR });
    expect(result.map((d) => d.score)).toEqual([0.5625, 0.4375]);
    expect(amounts(result)).toEqual({ a: 90_000, b: 70_000 });
    const needOnly = run({
      total: 160_000,
      districts,
      weights: { ...ONLY_ENROLLMENT, enrollment: 0, needIndex: 2 },
    });
    expect(amounts(needOnly)).toEqual({ a: 160_000, b: 0 });
  });

  it('splits a factor evenly when every selected district is zero on it', () => {
    const result = run({
      total: 90_000,
      districts: [district('a', 0), district('b', 0), district('c', 0)],
    });
    expect(amounts(result)).toEqual({ a: 30_000, b: 30_000, c: 30_000 });
    expect(result[0]!.factors.enrollment.share).toBeCloseTo(1 / 3, 6);
  });
});

describe('when bounds bind', () => {
  it('caps a district at the maximum and shares its excess among the others by score (water-filling)', () => {
    // 1,200,000 above the minimums; a's 0.7 of it (840,000) passes the 600,000 of room up to the
    // maximum, so a is capped and the other 600,000 goes to b and c 2:1.
    const result = run({
      total: 1_800_000,
      minimum: 200_000,
      maximum: 800_000,
      districts: [district('a', 7000), district('b', 2000), district('c', 1000)],
    });
    expect(amounts(result)).toEqual({ a: 800_000, b: 600_000, c: 400_000 });
    expect(result.map((d) => d.bound)).toEqual(['maximum', null, null]);
  });

  it('caps again when the excess pushes another district past the maximum', () => {
    const result = run({
      total: 2_000_000,
      minimum: 200_000,
      maximum: 800_000,
      districts: [district('a', 5000), district('b', 4000), district('c', 1000)],
    });
    // a capped first (700,000 > 600,000); then b's 4/5 of the remaining 800,000 passes it too.
    expect(amounts(result)).toEqual({ a: 800_000, b: 800_000, c: 400_000 });
  });

  it('gives a district with a zero score exactly the minimum', () => {
    const result = run({
      total: 1_000_000,
      minimum: 200_000,
      maximum: 800_000,
      districts: [district('a', 0), district('b', 1000)],
    });
    expect(amounts(result)).toEqual({ a: 200_000, b: 800_000 });
    expect(result.map((d) => d.bound)).toEqual(['minimum', 'maximum']);
  });

  it('shares what is left evenly among zero-score districts once every scored district is capped', () => {
    const result = run({
      total: 1_900_000,
      minimum: 200_000,
      maximum: 800_000,
      districts: [district('a', 0), district('b', 1000), district('c', 0)],
    });
    expect(amounts(result)).toEqual({ a: 550_000, b: 800_000, c: 550_000 });
  });

  it('fills every district to the bound when the total is exactly n × minimum or n × maximum', () => {
    const districts = [district('a', 10), district('b', 20), district('c', 30)];
    expect(amounts(run({ total: 600, minimum: 200, maximum: 800, districts }))).toEqual({
      a: 200,
      b: 200,
      c: 200,
    });
    expect(amounts(run({ total: 2400, minimum: 200, maximum: 800, districts }))).toEqual({
      a: 800,
      b: 800,
      c: 800,
    });
  });
});

describe('when the amounts do not come out in whole dollars', () => {
  it('gives the dollars left to the largest fractions', () => {
    // 100 shared 10:10:11 → 32.26, 32.26, 35.48: the floors make 99, and the one dollar left goes to c.
    const result = run({ total: 100, districts: [district('a', 10), district('b', 10), district('c', 11)] });
    expect(amounts(result)).toEqual({ a: 32, b: 32, c: 36 });
  });

  it('breaks exact ties by district id, whatever the order the districts came in', () => {
    const districts = [district('c', 1), district('a', 1), district('b', 1)];
    expect(amounts(run({ total: 100, districts }))).toEqual({ a: 34, b: 33, c: 33 });
    expect(amounts(run({ total: 101, districts }))).toEqual({ a: 34, b: 34, c: 33 });
    expect(run({ total: 100, districts }).map((d) => d.districtId)).toEqual(['a', 'b', 'c']);
  });
});

describe('when the bounds cannot be met', () => {
  const three = [district('a', 1), district('b', 2), district('c', 3)];

  it('is infeasible when the minimums add up to more than the total', () => {
    expect(
      allocate({ total: 599, minimum: 200, maximum: 800, weights: ONLY_ENROLLMENT, districts: three }),
    ).toEqual({
      feasible: false,
      violated: 'minimum',
      districtCount: 3,
    });
  });

  it('is infeasible when the maximums add up to less than the total', () => {
    expect(
      allocate({ total: 2401, minimum: 200, maximum: 800, weights: ONLY_ENROLLMENT, districts: three }),
    ).toEqual({
      feasible: false,
      violated: 'maximum',
      districtCount: 3,
    });
  });

  it('is infeasible with no district selected', () => {
    expect(
      allocate({ total: 1, minimum: 0, maximum: 10, weights: ONLY_ENROLLMENT, districts: [] }),
    ).toMatchObject({
      feasible: false,
      violated: 'maximum',
    });
  });
});
