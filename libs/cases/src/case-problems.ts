import type { ProblemCodes } from '@leap/http';

/**
 * What a request about an existing case can answer before its own rules: a role that may not do it
 * (403), a case that does not exist or is outside the caller's scope (404, alike).
 */
export const ON_CASE: ProblemCodes = {
  403: ['role_not_allowed'],
  404: ['case_not_found'],
};
