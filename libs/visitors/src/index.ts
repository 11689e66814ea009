export * from './visitor-registry.service';
export * from './visitors.module';
