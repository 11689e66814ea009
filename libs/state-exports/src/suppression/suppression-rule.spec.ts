import { DEFAULT_SUPPRESSION_RULE, SuppressionConfigError, suppressionRuleFromEnv } from './suppression-rule';

describe('the suppression rule from the environment', () => {
  it("is Connecticut's rule when nothing is set: numerator below 6, denominator below 20", () => {
    expect(suppressionRuleFromEnv({})).toEqual({ minNumerator: 6, minDenominator: 20 });
    expect(DEFAULT_SUPPRESSION_RULE).toEqual({ minNumerator: 6, minDenominator: 20 });
  });

  it('takes each minimum from its variable', () => {
    expect(
      suppressionRuleFromEnv({
        LEAP_SUPPRESSION_MIN_NUMERATOR: '10',
        LEAP_SUPPRESSION_MIN_DENOMINATOR: ' 30 ',
      }),
    ).toEqual({ minNumerator: 10, minDenominator: 30 });
  });

  it.each(['0', '-1', '2.5', 'ten', '1001', '1e2'])('refuses %p, naming the variable', (value) => {
    expect(() => suppressionRuleFromEnv({ LEAP_SUPPRESSION_MIN_NUMERATOR: value })).toThrow(
      new SuppressionConfigError('LEAP_SUPPRESSION_MIN_NUMERATOR must be a whole number from 1 to 1000'),
    );
    expect(() => suppressionRuleFromEnv({ LEAP_SUPPRESSION_MIN_DENOMINATOR: value })).toThrow(
      /LEAP_SUPPRESSION_MIN_DENOMINATOR/,
    );
  });
});
