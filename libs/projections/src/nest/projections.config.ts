import type { BatchLimits } from '../batches';

export const READ_MODELS = Symbol('READ_MODELS');
export const PROJECTIONS_CONFIG = Symbol('PROJECTIONS_CONFIG');

export interface ProjectionsConfig {
  /** Whether this process runs the projections (LEAP_PROJECTIONS=off when a worker runs them). */
  runInProcess: boolean;
  batch: BatchLimits;
  /** How long a query with `minPosition` waits for its read model (LEAP_MIN_POSITION_WAIT_MS). */
  minPositionWaitMs: number;
}

export interface ProjectionsEnv {
  LEAP_PROJECTIONS?: string;
  LEAP_PROJECTION_BATCH_SIZE?: string;
  LEAP_MIN_POSITION_WAIT_MS?: string;
}

export function loadProjectionsConfig(env: ProjectionsEnv): ProjectionsConfig {
  return {
    runInProcess: env.LEAP_PROJECTIONS !== 'off',
    batch: { maxEvents: positive(env.LEAP_PROJECTION_BATCH_SIZE, 1000), maxWaitMs: 50 },
    minPositionWaitMs: positive(env.LEAP_MIN_POSITION_WAIT_MS, 5000),
  };
}

function positive(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return value !== undefined && Number.isInteger(number) && number > 0 ? number : fallback;
}
