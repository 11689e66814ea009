export * from './case-summary';
export * from './case-summaries.projection';
export * from './case-summaries.store';
export * from './case-summary-view';
export * from './case-summaries.module';
export * from './summary-access';
export * from './case-events';
export * from './viewer';
