export * from './auth-attempts';
export * from './auth-config';
export * from './auth.guard';
export * from './auth.module';
export * from './errors';
export * from './mint-token';
export * from './principal';
export * from './verify-token';
