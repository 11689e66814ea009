export * from './command-context';
export * from './deterministic-id';
export * from './errors';
export * from './handle-command';
export * from './metadata';
export * from './load-stream-state';
export * from './stream-state-cache';
