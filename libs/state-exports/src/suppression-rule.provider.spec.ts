import { Test } from '@nestjs/testing';
import { SUPPRESSION_RULE, suppressionRuleProvider } from './suppression-rule.provider';

describe('the suppression rule in force', () => {
  afterEach(() => {
    delete process.env.LEAP_SUPPRESSION_MIN_DENOMINATOR;
  });

  it('comes from the environment when the module starts', async () => {
    process.env.LEAP_SUPPRESSION_MIN_DENOMINATOR = '25';
    const moduleRef = await Test.createTestingModule({ providers: [suppressionRuleProvider] }).compile();
    expect(moduleRef.get(SUPPRESSION_RULE)).toEqual({ minNumerator: 6, minDenominator: 25 });
  });

  it('stops the module from starting when a minimum is wrong, naming the variable', async () => {
    process.env.LEAP_SUPPRESSION_MIN_DENOMINATOR = '19.5';
    await expect(
      Test.createTestingModule({ providers: [suppressionRuleProvider] }).compile(),
    ).rejects.toThrow(/LEAP_SUPPRESSION_MIN_DENOMINATOR must be a whole number/);
  });
});
