import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthAttempts } from '@leap/auth';
import { RateLimitedError } from '@leap/http';
import { ClientTrackers } from './client-trackers';
import { RATE_LIMIT_CONFIG, type RateLimitConfig } from './rate-limit-config';
import { RedisThrottlerStorage } from './redis-throttler-storage';

/** The budget's name in Redis keys. */
export const AUTH_FAILURES = 'auth-failures';
const MAX_DELAY_MS = 2_000;

/**
 * The failed-authentication budget of a client address (what guessing or replaying tokens costs):
 * the first half of the budget is answered at once; past it, each failure a little later than the one
 * before (at most 2 s); past the whole budget the address is refused with 429 before its token is
 * even read, for the block time, valid token or not.
 */
@Injectable()
export class AuthFailureBudget implements AuthAttempts {
  constructor(
    @Inject(RedisThrottlerStorage) private readonly storage: RedisThrottlerStorage,
    @Inject(RATE_LIMIT_CONFIG) private readonly config: RateLimitConfig,
    @Inject(ClientTrackers) private readonly trackers: ClientTrackers,
  ) {}

  async admit(request: Request): Promise<void> {
    if (!this.config.authFailures) return;
    const wait = await this.storage.blockedFor(this.trackers.address(request.ip), AUTH_FAILURES);
    if (wait > 0) throw new RateLimitedError(wait);
  }

  async failed(request: Request): Promise<void> {
    const budget = this.config.authFailures;
    if (!budget) return;
    const { totalHits, isBlocked, timeToBlockExpire } = await this.storage.increment(
      this.trackers.address(request.ip),
      budget.windowMs,
      budget.limit,
      budget.blockMs,
      AUTH_FAILURES,
    );
    if (isBlocked) throw new RateLimitedError(timeToBlockExpire);
    const slowed = totalHits - Math.floor(budget.limit / 2);
    const delay = Math.min(Math.max(slowed, 0) * this.config.authFailureDelayMs, MAX_DELAY_MS);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
