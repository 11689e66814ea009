export * from './cases.module';
export * from './case-streams';
