import type { Provider } from '@nestjs/common';
import { suppressionRuleFromEnv } from './suppression/suppression-rule';

/** DI token of the suppression rule in force (from the environment, read once at start). */
export const SUPPRESSION_RULE = Symbol('SUPPRESSION_RULE');

/** A wrong `LEAP_SUPPRESSION_MIN_*` value stops the process at start, naming the variable. */
export const suppressionRuleProvider: Provider = {
  provide: SUPPRESSION_RULE,
  useFactory: () => suppressionRuleFromEnv(process.env),
};
