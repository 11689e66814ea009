export const RATE_LIMIT_CONFIG = Symbol('RATE_LIMIT_CONFIG');

/** A budget of `limit` hits per `windowMs`; past it, refused for `blockMs`. */
export interface Budget {
  limit: number;
  windowMs: number;
  blockMs: number;
}

export interface RateLimitConfig {
  /**
   * Requests per login (per client address on public routes) and window; null: off
   * (`LEAP_RATE_LIMIT=off`). Refused until the window ends.
   */
  requests: Budget | null;
  /**
   * Tokens that failed verification, per client address and window; past it, every request of that
   * address to a route that needs a token is refused, unread, for `blockMs`. null: off.
   */
  authFailures: Budget | null;
  /** Past half the failure budget, each failure is answered this much later than the one before (at most 2 s). */
  authFailureDelayMs: number;
}

/**
 * Defaults never bother a person or a test suite: 3000 requests a minute per login (50 a second,
 * sustained), and 50 rejected tokens per client address in 5 minutes (the last 25 slowed down), then
 * 5 minutes of 429.
 *
 * | variable                       | default  |
 * |--------------------------------|----------|
 * | `LEAP_RATE_LIMIT`              | `3000` (or `off`) |
 * | `LEAP_RATE_LIMIT_WINDOW_MS`    | `60000`  |
 * | `LEAP_AUTH_FAILURE_LIMIT`      | `50` (or `off`) |
 * | `LEAP_AUTH_FAILURE_WINDOW_MS`  | `300000` |
 * | `LEAP_AUTH_FAILURE_BLOCK_MS`   | `300000` |
 * | `LEAP_AUTH_FAILURE_DELAY_MS`   | `100`    |
 */
export function rateLimitConfigFromEnv(env: NodeJS.ProcessEnv): RateLimitConfig {
  const requestLimit = limitFrom('LEAP_RATE_LIMIT', env.LEAP_RATE_LIMIT, 3000);
  const requestWindow = positive('LEAP_RATE_LIMIT_WINDOW_MS', env.LEAP_RATE_LIMIT_WINDOW_MS, 60_000);
  const failureLimit = limitFrom('LEAP_AUTH_FAILURE_LIMIT', env.LEAP_AUTH_FAILURE_LIMIT, 50);
  return {
    requests: requestLimit === null ? null : { limit: requestLimit, windowMs: requestWindow, blockMs: 0 },
    authFailures:
      failureLimit === null
        ? null
        : {
            limit: failureLimit,
            windowMs: positive('LEAP_AUTH_FAILURE_WINDOW_MS', env.LEAP_AUTH_FAILURE_WINDOW_MS, 300_000),
            blockMs: positive('LEAP_AUTH_FAILURE_BLOCK_MS', env.LEAP_AUTH_FAILURE_BLOCK_MS, 300_000),
          },
    authFailureDelayMs: nonNegative('LEAP_AUTH_FAILURE_DELAY_MS', env.LEAP_AUTH_FAILURE_DELAY_MS, 100),
  };
}

function limitFrom(name: string, value: string | undefined, fallback: number): number | null {
  if (value?.trim().toLowerCase() === 'off') return null;
  return positive(name, value, fallback);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  const number = nonNegative(name, value, fallback);
  if (number === 0) throw new Error(`${name}=${value} must be a positive whole number`);
  return number;
}

function nonNegative(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  if (!/^[0-9]+$/.test(value.trim())) throw new Error(`${name}=${value} must be a whole number`);
  return Number(value.trim());
}
