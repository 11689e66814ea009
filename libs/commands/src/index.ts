export * from './command-context';
export * from './deterministic-id';
export * from './errors';
export * from './handle-command';
export * from './metadata';
