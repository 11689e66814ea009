export * from './pseudonyms';
export * from './pseudonym-key';
export * from './privacy.module';
export * from './keys/key-store.port';
export * from './crypto/sealed-pii';
export * from './crypto/pii-cipher';
export * from './keys/master-key';
export * from './keys/key-wrap';
