export interface PiiSealingEnv {
  /** `off` only for benchmarks (`NODE_ENV=benchmark`): measures what sealing costs. */
  LEAP_PII_SEALING?: string;
  NODE_ENV?: string;
}

/**
 * Whether `pii` is sealed on its way into the event store: always, except in a benchmark that
 * compares the same server with and without it. `LEAP_PII_SEALING=off` anywhere else is a startup
 * error, never a silent downgrade, so no deployment can write personal data in clear.
 */
export function piiSealingOf(env: PiiSealingEnv): 'on' | 'off' {
  const value = env.LEAP_PII_SEALING;
  if (value === undefined || value === '' || value === 'on') return 'on';
  if (value !== 'off') throw new Error(`LEAP_PII_SEALING must be on or off, not ${value}`);
  if (env.NODE_ENV !== 'benchmark')
    throw new Error(
      'LEAP_PII_SEALING=off is for benchmarks only (NODE_ENV=benchmark): personal data is always sealed',
    );
  return 'off';
}
