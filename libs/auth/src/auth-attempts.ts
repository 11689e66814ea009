import type { Request } from 'express';

/** DI token of the optional AuthAttempts (the failed-authentication budget, libs/rate-limits). */
export const AUTH_ATTEMPTS = Symbol('AUTH_ATTEMPTS');

/**
 * Who may try to authenticate, and what a failure costs. The guard asks `admit` before it reads the
 * token, and reports every token that fails verification (malformed, expired, badly signed, wrong
 * claims) to `failed` before answering 401. Both may throw instead (too many failures: 429).
 */
export interface AuthAttempts {
  admit(request: Request): Promise<void>;
  failed(request: Request): Promise<void>;
}
