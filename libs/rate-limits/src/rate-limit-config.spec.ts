import { rateLimitConfigFromEnv } from './rate-limit-config';

describe('rateLimitConfigFromEnv', () => {
  it('has generous defaults: 3000 requests a minute per login, 50 failed authentications in 5 minutes', () => {
    expect(rateLimitConfigFromEnv({})).toEqual({
      requests: { limit: 3000, windowMs: 60_000, blockMs: 0 },
      authFailures: { limit: 50, windowMs: 300_000, blockMs: 300_000 },
      authFailureDelayMs: 100,
    });
  });

  it('reads every variable, and turns either budget off', () => {
    expect(
      rateLimitConfigFromEnv({
        LEAP_RATE_LIMIT: '10',
        LEAP_RATE_LIMIT_WINDOW_MS: '1000',
        LEAP_AUTH_FAILURE_LIMIT: 'off',
        LEAP_AUTH_FAILURE_DELAY_MS: '0',
      }),
    ).toEqual({
      requests: { limit: 10, windowMs: 1000, blockMs: 0 },
      authFailures: null,
      authFailureDelayMs: 0,
    });
    expect(rateLimitConfigFromEnv({ LEAP_RATE_LIMIT: 'OFF' }).requests).toBeNull();
  });

  it.each([
    ['LEAP_RATE_LIMIT', '0'],
    ['LEAP_RATE_LIMIT', 'many'],
    ['LEAP_RATE_LIMIT_WINDOW_MS', '-5'],
    ['LEAP_AUTH_FAILURE_BLOCK_MS', '1.5'],
    ['LEAP_AUTH_FAILURE_DELAY_MS', 'soon'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => rateLimitConfigFromEnv({ [name]: value })).toThrow(name);
  });
});
