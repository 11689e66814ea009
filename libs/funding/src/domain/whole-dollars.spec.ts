import { largestRemainder } from './whole-dollars';

describe('when exact amounts are rounded to whole dollars', () => {
  it('rounds down and gives the dollars left to the largest fractions, ties to the earlier', () => {
    expect(largestRemainder([10.2, 10.7, 10.1], 31, 0, 100)).toEqual([10, 11, 10]);
    expect(largestRemainder([10.5, 10.5, 10], 32, 0, 100)).toEqual([11, 11, 10]);
    expect(largestRemainder([1 / 3, 1 / 3, 1 / 3], 1, 0, 100)).toEqual([1, 0, 0]);
  });

  it('never lets floating-point noise push an amount past a bound or the sum off the total', () => {
    // 800,000 computed as 799,999.99999999988: rounding down alone would leave it a dollar short.
    expect(largestRemainder([799_999.9999999999, 200_000.00000000003], 1_000_000, 200_000, 800_000)).toEqual([
      800_000, 200_000,
    ]);
    // Amounts that add up to a dollar more than the total (noise upwards) give it back above the minimum.
    expect(largestRemainder([500.0000001, 500.0000001, 1], 1000, 0, 1000)).toEqual([500, 500, 0]);
    expect(largestRemainder([200_000 - 1e-9, 300_000], 500_000, 200_000, 800_000)).toEqual([
      200_000, 300_000,
    ]);
  });
});
