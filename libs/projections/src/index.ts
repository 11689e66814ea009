// Plain TypeScript (no Nest): the CLI, benches and workers import these.
export * from './projection';
export * from './json-document-store';
export * from './read-models';
export * from './checkpoints';
export * from './batches';
export * from './generation-writer';
export * from './generations';
export * from './projection-loop';
export * from './projection-runner';
export * from './rebuild';
export * from './freshness';
export * from './event-counts';
export * from './projection-status';
export * from './runner-marker';
// The Nest module: runner in the API process, GET /v1/projections, read-your-writes.
export * from './nest/projections.config';
export * from './nest/projection-registry';
export * from './nest/projections.service';
export * from './nest/read-your-writes';
export * from './nest/projections.module';
