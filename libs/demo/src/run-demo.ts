import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirOf, type EventStore } from '@leap/event-store';
import {
  createPseudonymizer,
  loadPseudonymKey,
  openApplicationStores,
  type ApplicationEnv,
} from '@leap/privacy';
import { buildDemo, type DemoProgress, type DemoSummary } from './apply/build-demo';
import { demoServices } from './apply/demo-services';
import type { DemoParameters } from './simulation/parameters';
import { simulate } from './simulation/simulate';

export const TRUTH_FILE = 'demo-truth.json';

/** The store already holds events and `--force` was not given. */
export class StoreNotEmptyError extends Error {
  constructor() {
    super('The store is not empty: the demo writes only into an empty store (use --force to write anyway)');
  }
}

export interface DemoRun {
  summary: DemoSummary;
  truthFile: string;
  elapsedMs: number;
}

/**
 * Builds a demo state into the configured store (LEAP_DATA_DIR or EVENTSTORE_CONNECTION_STRING),
 * sealing personal data with the install's keys like every other writer, and writes the planted
 * parameters and the realised effects to `$LEAP_DATA_DIR/demo-truth.json`.
 */
export async function runDemo(
  env: ApplicationEnv,
  parameters: DemoParameters,
  options: { force: boolean; onProgress?: (progress: DemoProgress) => void },
): Promise<DemoRun> {
  const started = Date.now();
  const { store, cipher } = openApplicationStores(env);
  try {
    if (!options.force && !(await isEmpty(store))) throw new StoreNotEmptyError();
    const world = simulate(parameters);
    const services = demoServices(store, createPseudonymizer(loadPseudonymKey(env)), cipher);
    const summary = await buildDemo(world, services, options.onProgress);
    const truthFile = join(dataDirOf(env), TRUTH_FILE);
    writeFileSync(truthFile, `${JSON.stringify(world.truth, null, 2)}\n`);
    return { summary, truthFile, elapsedMs: Date.now() - started };
  } finally {
    await store.close();
  }
}

export async function isEmpty(store: EventStore): Promise<boolean> {
  return (await store.readAll({ maxCount: 1 })).length === 0;
}
