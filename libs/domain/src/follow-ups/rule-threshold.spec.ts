import { checkRuleThreshold } from './rule-threshold';

describe('when a follow-up rule threshold is checked', () => {
  it.each(['PT1S', 'PT2S', 'P7D', 'P2Y', 'P24M', 'P104W', 'P730D', 'PT17520H', 'P1Y11M29D'])(
    'accepts %j',
    (text) => {
      expect(checkRuleThreshold(text)).toMatchObject({ ok: true });
    },
  );

  it.each(['P0D', 'PT0S', 'PT0.999S'])('refuses %j as shorter than a second', (text) => {
    expect(checkRuleThreshold(text)).toEqual({ ok: false, reason: 'must be at least PT1S' });
  });

  it.each(['P300000Y', 'P3Y', 'P25M', 'P731D', 'P2YT1S', 'PT17521H', `P${'9'.repeat(400)}D`])(
    'refuses %j as longer than two years',
    (text) => {
      expect(checkRuleThreshold(text)).toEqual({ ok: false, reason: 'must be at most P2Y' });
    },
  );

  it.each(['', 'P', '7 days', 'P-1D', 'p7d', 7, null])('refuses %j as not a duration', (text) => {
    expect(checkRuleThreshold(text)).toEqual({
      ok: false,
      reason: 'must be an ISO-8601 duration such as P7D or PT2S',
    });
  });
});
