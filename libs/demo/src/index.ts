export * from './simulation/parameters';
export * from './simulation/simulate';
export * from './simulation/truth';
export * from './apply/build-demo';
export * from './run-demo';
export * from './seed-on-start';
