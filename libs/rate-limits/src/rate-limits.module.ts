import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { getOptionsToken, getStorageToken, type ThrottlerModuleOptions } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AUTH_ATTEMPTS } from '@leap/auth';
import { FollowUpsModule, TimerNamespace } from '@leap/follow-ups';
import { redisUrl } from '@leap/health';
import { loadPseudonymKey } from '@leap/privacy';
import { AuthFailureBudget } from './auth-failure-budget';
import { ClientTrackers } from './client-trackers';
import { RATE_LIMIT_CONFIG, rateLimitConfigFromEnv, type RateLimitConfig } from './rate-limit-config';
import { RateLimitGuard } from './rate-limit.guard';
import { RedisThrottlerStorage } from './redis-throttler-storage';

const RATE_LIMIT_REDIS = Symbol('RATE_LIMIT_REDIS');

/**
 * A connection of its own: unlike the shared one, it queues commands while it connects (the first
 * requests after a start are counted too), but never waits long: a command Redis has not answered
 * within 500 ms, or that fails after one reconnection attempt, lets its request through. Opened on
 * first use: a process that serves no HTTP (the worker) never opens it.
 */
const rateLimitRedis = (): Redis =>
  new Redis(redisUrl(), {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: 2_000,
  }).on(
    'error',
    () => undefined, // reported by the storage, once per outage
  );

/** @nestjs/throttler's options: the request budget (skipped entirely when off); no X-RateLimit headers. */
function throttlerOptions({ requests }: RateLimitConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: 'default',
        limit: requests?.limit ?? Number.MAX_SAFE_INTEGER,
        ttl: requests?.windowMs ?? 60_000,
        blockDuration: requests?.blockMs ?? 0,
      },
    ],
    ...(requests === null ? { skipIf: () => true } : {}),
    setHeaders: false,
  };
}

/**
 * Rate limits, in Redis under the installation's prefix (see TimerNamespace): the request budget of
 * each login (a global guard, after the auth guard: import this module after AuthModule) and the
 * failed-authentication budget of each client address (the AuthGuard's AuthAttempts). Provides
 * @nestjs/throttler's options and storage tokens itself, as ThrottlerModule would.
 */
@Global()
@Module({
  imports: [FollowUpsModule],
  providers: [
    { provide: RATE_LIMIT_CONFIG, useFactory: () => rateLimitConfigFromEnv(process.env) },
    { provide: ClientTrackers, useFactory: () => new ClientTrackers(loadPseudonymKey(process.env)) },
    { provide: RATE_LIMIT_REDIS, useFactory: rateLimitRedis },
    {
      provide: RedisThrottlerStorage,
      inject: [RATE_LIMIT_REDIS, TimerNamespace],
      useFactory: (redis: Redis, namespace: TimerNamespace) =>
        new RedisThrottlerStorage(redis, async () => (await namespace.resolve()).prefix),
    },
    { provide: getStorageToken(), useExisting: RedisThrottlerStorage },
    { provide: getOptionsToken(), inject: [RATE_LIMIT_CONFIG], useFactory: throttlerOptions },
    { provide: AUTH_ATTEMPTS, useClass: AuthFailureBudget },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [AUTH_ATTEMPTS],
})
export class RateLimitsModule implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
