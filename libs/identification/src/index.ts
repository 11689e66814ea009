export * from './domain/need-score';
export * from './domain/need-index';
export * from './domain/priority-weights';
export * from './identification.module';
export { DistrictPriority } from './priority/district-priority.service';
