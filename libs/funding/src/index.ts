export * from './domain/allocate';
export * from './domain/allocation';
export * from './domain/expenditures';
export * from './funding.module';
