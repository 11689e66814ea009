import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Principal } from '@leap/auth';
import { RateLimitedError } from '@leap/http';
import { ClientTrackers } from './client-trackers';

/**
 * The request budget: one per login across all routes (per client address on public routes), in
 * Redis. Runs after the AuthGuard (its module is registered after the auth module), so the principal
 * is known; routes and controllers marked `@SkipThrottle()` (the health probes) are not counted, and
 * `/docs` is not a Nest route at all. Past the budget: 429 `rate_limited` with `Retry-After`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(ClientTrackers) private readonly trackers: ClientTrackers,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(request: { principal?: Principal; ip?: string }): Promise<string> {
    const principal = request.principal;
    return principal
      ? this.trackers.login(principal.issuer, principal.sub)
      : this.trackers.address(request.ip);
  }

  /** One budget per tracker, whatever the route (the library's default keys it per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string): string {
    return tracker;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new RateLimitedError(detail.timeToBlockExpire);
  }
}
