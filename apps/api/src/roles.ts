import { followUpConfigFromEnv } from '@leap/follow-ups';
import { loadProjectionsConfig } from '@leap/projections';

/**
 * What a process runs, chosen by `LEAP_ROLE`. Both entry points load the same application module
 * (so every process registers the same projections); the role only decides what starts. This is the
 * one place that maps a role onto the switches the libraries read (`LEAP_FOLLOW_UP_WORKERS`,
 * `LEAP_PROJECTIONS`).
 *
 * | LEAP_ROLE       | entry point                    | HTTP API      | projections¹ | follow-up scheduler, BullMQ timer worker, reconciler |
 * |-----------------|--------------------------------|---------------|--------------|------------------------------------------------------|
 * | `all` (default) | `dist/apps/api/src/main.js`    | yes           | yes          | yes² (LEAP_FOLLOW_UP_WORKERS as set)                 |
 * | `api`           | `dist/apps/api/src/main.js`    | yes           | yes          | never (LEAP_FOLLOW_UP_WORKERS is forced off)         |
 * | `worker`        | `dist/apps/worker/src/main.js` | `/health` only | yes         | yes, unless LEAP_FOLLOW_UP_WORKERS=off               |
 *
 * ¹ Each process keeps its own read-model replica in `LEAP_DATA_DIR`, fed by its `$all`
 *   subscription, unless `LEAP_PROJECTIONS=off`. Queries read the replica of the api that serves
 *   them. Processes sharing one data dir (embedded SQLite) should run one runner between them.
 * ² On by default, off under `NODE_ENV=test` unless `LEAP_FOLLOW_UP_WORKERS=on`.
 *
 * Several `api` processes and one `worker` is the EventStoreDB deployment (docker/compose.yml).
 * Two workers are safe (deterministic job ids, idempotent RaiseFollowUp) but do the work twice.
 */
export type LeapRole = 'all' | 'api' | 'worker';
export type EntryPoint = 'api' | 'worker';

export interface RolePlan {
  role: LeapRole;
  http: boolean;
  projections: boolean;
  followUpWorkers: boolean;
}

const ROLES: readonly LeapRole[] = ['all', 'api', 'worker'];

export function parseRole(value: string | undefined, fallback: LeapRole): LeapRole {
  if (value === undefined || value.trim() === '') return fallback;
  const role = value.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(role))
    throw new Error(`LEAP_ROLE=${value} is not a role: use ${ROLES.join(', ')}`);
  return role as LeapRole;
}

/**
 * Reads `LEAP_ROLE` for the given entry point, sets the library switches in `env` accordingly (call
 * it before the application module is created) and says what will run. A role started from the
 * wrong entry point is refused rather than silently run without its HTTP API or its workers.
 */
export function applyRole(entry: EntryPoint, env: NodeJS.ProcessEnv = process.env): RolePlan {
  const role = parseRole(env.LEAP_ROLE, entry === 'worker' ? 'worker' : 'all');
  if (entry === 'api' && role === 'worker')
    throw new Error('LEAP_ROLE=worker runs dist/apps/worker/src/main.js, not the API entry point');
  if (entry === 'worker' && role !== 'worker')
    throw new Error(`LEAP_ROLE=${role} runs dist/apps/api/src/main.js, not the worker entry point`);
  if (role === 'api') env.LEAP_FOLLOW_UP_WORKERS = 'off';
  if (role === 'worker' && env.LEAP_FOLLOW_UP_WORKERS !== 'off') env.LEAP_FOLLOW_UP_WORKERS = 'on';
  return {
    role,
    http: entry === 'api',
    projections: loadProjectionsConfig(env).runInProcess,
    followUpWorkers: followUpConfigFromEnv(env).runWorkers,
  };
}

export function describeRole(plan: RolePlan): string {
  const parts = [
    plan.http ? 'HTTP API' : 'no HTTP API',
    plan.projections ? 'projections' : 'no projections',
    plan.followUpWorkers ? 'follow-up workers' : 'no follow-up workers',
  ];
  return `Role ${plan.role}: ${parts.join(', ')}`;
}
