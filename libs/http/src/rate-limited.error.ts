/**
 * Too many requests from one login or client address (HTTP 429 `rate_limited`). Thrown by the rate
 * limits (libs/rate-limits); lives here so the one exception filter can answer it with `Retry-After`.
 */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  /** Whole seconds until a retry can succeed (at least 1). */
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('Too many requests; retry after the time given in Retry-After');
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
