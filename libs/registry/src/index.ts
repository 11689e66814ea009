export * from './language-tag';
export * from './registry-reader';
export * from './registry-streams';
export * from './registry.module';
export * from './districts/district-registry.service';
export * from './partners/partner-directory.service';
