/**
 * The small-cell rule for aggregates that leave a district. By default Connecticut's rule for
 * published education data: a cell is suppressed when its numerator is below 6 or its denominator
 * below 20. A count published on its own (a denominator) is suppressed below the denominator minimum.
 */
export interface SuppressionRule {
  minNumerator: number;
  minDenominator: number;
}

export const DEFAULT_SUPPRESSION_RULE: SuppressionRule = { minNumerator: 6, minDenominator: 20 };

export const MIN_NUMERATOR_VARIABLE = 'LEAP_SUPPRESSION_MIN_NUMERATOR';
export const MIN_DENOMINATOR_VARIABLE = 'LEAP_SUPPRESSION_MIN_DENOMINATOR';

/** A minimum can be lowered to 1 (nothing below 1 hides zeros) and raised to 1000. */
const LOWEST = 1;
const HIGHEST = 1000;

/** A suppression variable that is not a whole number in range: the process refuses to start. */
export class SuppressionConfigError extends Error {
  override readonly name = 'SuppressionConfigError';
}

/**
 * The rule from the environment: each minimum from its variable when set, else the default.
 * Guarantee: a value that is not a whole number from 1 to 1000 throws, naming the variable, rather
 * than silently publishing smaller cells than intended; zero counts are therefore always suppressed.
 */
export function suppressionRuleFromEnv(env: Record<string, string | undefined>): SuppressionRule {
  return {
    minNumerator: minimumOf(env, MIN_NUMERATOR_VARIABLE, DEFAULT_SUPPRESSION_RULE.minNumerator),
    minDenominator: minimumOf(env, MIN_DENOMINATOR_VARIABLE, DEFAULT_SUPPRESSION_RULE.minDenominator),
  };
}

function minimumOf(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < LOWEST || value > HIGHEST) {
    throw new SuppressionConfigError(`${name} must be a whole number from ${LOWEST} to ${HIGHEST}`);
  }
  return value;
}
