import { Global, Module } from '@nestjs/common';
import { loadPseudonymKey } from './pseudonym-key';
import { createPseudonymizer } from './pseudonyms';

/** DI token of the install's `Pseudonymize` function. */
export const PSEUDONYMIZE = Symbol('PSEUDONYMIZE');

@Global()
@Module({
  providers: [
    { provide: PSEUDONYMIZE, useFactory: () => createPseudonymizer(loadPseudonymKey(process.env)) },
  ],
  exports: [PSEUDONYMIZE],
})
export class PrivacyModule {}
