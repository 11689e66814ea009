export * from './visitor-registry.service';
export * from './visitor-streams';
export * from './visitors.module';
export * from './visitor-logins.service';
