/**
 * Rounds exact amounts to whole dollars that sum to `total` (largest remainder): each amount is
 * rounded down, then the dollars still missing go one at a time to the largest fractions — ties to
 * the earlier position, so callers pass the amounts in a stable order (by district id). No amount
 * leaves [minimum, maximum]: floating-point noise can never push the sum or a bound off by a dollar.
 * Requires whole-dollar `total`, `minimum`, `maximum` with `n·minimum ≤ total ≤ n·maximum`.
 */
export function largestRemainder(
  exact: readonly number[],
  total: number,
  minimum: number,
  maximum: number,
): number[] {
  const whole = exact.map((amount) => Math.min(maximum, Math.max(minimum, Math.floor(amount))));
  // Fractions compared at a micro-dollar, so noise in the last bits does not break an exact tie.
  const fractions = exact.map((amount, index) => Math.round((amount - whole[index]!) * 1_000_000));
  const byFraction = exact.map((_, index) => index);
  byFraction.sort((a, b) => fractions[b]! - fractions[a]! || a - b);
  let missing = total - whole.reduce((sum, amount) => sum + amount, 0);
  while (missing > 0) {
    const before = missing;
    for (const index of byFraction) {
      if (missing === 0) break;
      if (whole[index]! < maximum) {
        whole[index]! += 1;
        missing -= 1;
      }
    }
    if (missing === before) throw new Error('largestRemainder: the total exceeds every maximum');
  }
  while (missing < 0) {
    const before = missing;
    for (const index of [...byFraction].reverse()) {
      if (missing === 0) break;
      if (whole[index]! > minimum) {
        whole[index]! -= 1;
        missing += 1;
      }
    }
    if (missing === before) throw new Error('largestRemainder: the minimums exceed the total');
  }
  return whole;
}
