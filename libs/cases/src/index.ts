export * from './access/case-access';
export * from './access/redaction';
export * from './case-streams';
export * from './cases.module';
