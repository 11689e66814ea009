export * from './access/case-access';
export * from './case-streams';
export * from './cases.module';
