export * from './rate-limits.module';
export * from './rate-limit-config';
export { RedisThrottlerStorage } from './redis-throttler-storage';
export { ClientTrackers } from './client-trackers';
export { AUTH_FAILURES } from './auth-failure-budget';
