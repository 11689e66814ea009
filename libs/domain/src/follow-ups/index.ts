export * from './rules';
export * from './duration';
export * from './zoned-time';
export * from './facts';
export * from './due-timers';
export * from './follow-up-rules.decider';
export * from './fired-timer';
export * from './rule-threshold';
