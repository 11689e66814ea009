import type { Principal } from '@leap/auth';
import { DEFAULT_MIN_TREATED } from './domain/impact';

/**
 * The suppression threshold: `LEAP_IMPACT_MIN_TREATED` (a whole number of served students, default
 * 20). State analysts, whose tables leave the districts, never get a threshold below the default.
 */
export function minTreatedFor(principal: Principal, env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.LEAP_IMPACT_MIN_TREATED ?? DEFAULT_MIN_TREATED);
  const threshold = Number.isInteger(configured) && configured >= 1 ? configured : DEFAULT_MIN_TREATED;
  return principal.role === 'state_analyst' ? Math.max(threshold, DEFAULT_MIN_TREATED) : threshold;
}
