import { redisUrl } from '@leap/health';
import { districtTimeZone } from '@leap/http';

export const FOLLOW_UP_CONFIG = Symbol('FOLLOW_UP_CONFIG');

export interface FollowUpConfig {
  /**
   * Whether this process runs the scheduler, the timer worker and the reconciler. On by default;
   * off by default under `NODE_ENV=test`, where suites that assert exact case histories must not see
   * follow-ups appear (suites about follow-ups set `LEAP_FOLLOW_UP_WORKERS=on`).
   */
  runWorkers: boolean;
  redisUrl: string;
  /**
   * BullMQ key prefix set by `LEAP_QUEUE_PREFIX`; null (the default) derives it from the installation
   * id kept in the event store (see TimerNamespace), so installations sharing a Redis never share timers.
   */
  queuePrefix: string | null;
  /** How often every pending timer is re-derived from the event store (`LEAP_FOLLOW_UP_RECONCILE_MS`). */
  reconcileEveryMs: number;
  /** District time zone for rule clocks (`LEAP_TIME_ZONE`, default America/New_York). */
  timeZone: string;
  /**
   * Timers due further ahead than this are not handed to BullMQ when a case changes: the
   * reconciler, which runs several times within the horizon, schedules them as they come near.
   * Keeps Redis small and commands cheap (most thresholds are days or weeks).
   */
  scheduleHorizonMs: number;
  /**
   * How often this process checks that Redis still holds its timers (a small key the reconciler
   * writes); when it is gone, Redis lost its data without a reconnect, and a reconciliation runs.
   */
  redisCheckEveryMs: number;
}

export function followUpConfigFromEnv(env: NodeJS.ProcessEnv): FollowUpConfig {
  const workers = env.LEAP_FOLLOW_UP_WORKERS ?? (env.NODE_ENV === 'test' ? 'off' : 'on');
  const reconcileEveryMs = Number(env.LEAP_FOLLOW_UP_RECONCILE_MS ?? 5 * 60_000);
  return {
    runWorkers: workers === 'on',
    redisUrl: redisUrl(),
    queuePrefix: queuePrefixFrom(env.LEAP_QUEUE_PREFIX),
    reconcileEveryMs:
      Number.isFinite(reconcileEveryMs) && reconcileEveryMs > 0 ? reconcileEveryMs : 5 * 60_000,
    timeZone: districtTimeZone(),
    scheduleHorizonMs: scheduleHorizon(reconcileEveryMs),
    redisCheckEveryMs: 5_000,
  };
}

/** BullMQ builds keys as `<prefix>:<queue>:<job id>`: a prefix with `:` would be misread. */
function queuePrefixFrom(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  if (value.includes(':')) throw new Error(`LEAP_QUEUE_PREFIX=${value} may not contain ':'`);
  return value.trim();
}

const HOUR_MS = 3_600_000;

/** At least six hours, and at least four reconciliations, so a timer is always scheduled well before it is due. */
function scheduleHorizon(reconcileEveryMs: number): number {
  const every = Number.isFinite(reconcileEveryMs) && reconcileEveryMs > 0 ? reconcileEveryMs : 5 * 60_000;
  return Math.max(6 * HOUR_MS, 4 * every);
}
