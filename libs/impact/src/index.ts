export * from './domain/panel';
export * from './domain/impact';
export { BREAKDOWNS, type BreakdownName } from './domain/groups';
export * from './impact.module';
