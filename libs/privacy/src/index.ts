export * from './pseudonyms';
export * from './pseudonym-key';
export * from './privacy.module';
