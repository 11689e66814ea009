// Plain TypeScript over pino: the API and worker entry points set it up before Nest starts.
export * from './log-config';
export * from './create-logger';
export * from './nest-logger';
export * from './http-logging';
export * from './text-line';
export * from './process-logging';
