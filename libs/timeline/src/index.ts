export * from './timeline-line';
export * from './timeline-cut';
export * from './timeline-windows';
export * from './timeline-reader';
export * from './timeline.module';
