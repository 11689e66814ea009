export * from './health.module';
export * from './redis.provider';
export * from './readiness';
