export * from './problem-details.filter';
export * from './request-validation';
export * from './business-date';
export * from './command-context.decorator';
