export * from './language-tag';
export * from './registry-reader';
export * from './registry-streams';
export * from './registry.module';
