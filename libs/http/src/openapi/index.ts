export * from './field-docs';
export * from './problem-docs';
export * from './route-docs';
