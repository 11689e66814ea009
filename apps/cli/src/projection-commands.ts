import type { EventStore } from '../../../libs/event-store/src/event-store.port';
import { loadProjectionsConfig } from '../../../libs/projections/src/nest/projections.config';
import type { AnyProjection, PiiReader } from '../../../libs/projections/src/projection';
import { ProjectionRunner } from '../../../libs/projections/src/projection-runner';
import { projectionStatus } from '../../../libs/projections/src/projection-status';
import type { ReadModels } from '../../../libs/projections/src/read-models';
import { rebuildProjection } from '../../../libs/projections/src/rebuild';
import { describeOtherRunner, holdRunnerMarker } from '../../../libs/projections/src/runner-marker';
import { progressBar } from './progress-bar';

/** Rebuilds each projection aside, with a progress bar; a running API keeps serving the old model until the swap. */
export async function rebuildCommand(
  readModels: ReadModels,
  store: EventStore,
  projections: AnyProjection[],
  options: { force: boolean; pii?: PiiReader },
): Promise<void> {
  for (const projection of projections) {
    const bar = progressBar();
    const result = await rebuildProjection(readModels, store, projection, {
      force: options.force,
      pii: options.pii,
      onProgress: (progress) => bar.update(progress),
    });
    bar.done({
      projection: projection.name,
      done: result.events,
      total: result.events,
      elapsedMs: result.elapsedMs,
    });
    const rate = result.elapsedMs > 0 ? Math.round((result.events * 1000) / result.elapsedMs) : 0;
    process.stdout.write(
      `${projection.name}: rebuilt ${result.events} events in ${(result.elapsedMs / 1000).toFixed(1)} s ` +
        `(${rate} events/s); generation ${result.generation} is live at position ${result.position ?? '-'}\n`,
    );
  }
}

/**
 * Follows the event store until SIGINT/SIGTERM: the projections of an API started with
 * LEAP_PROJECTIONS=off, run in a worker process. LEAP_PROJECTION_BATCH_SIZE sets events per batch.
 * Holds the data dir's runner marker meanwhile; when another process (an API running its own
 * projections) holds it, says so on stderr and runs anyway: the checkpoints keep both correct.
 */
export async function runCommand(
  readModels: ReadModels,
  store: EventStore,
  projections: AnyProjection[],
  pii?: PiiReader,
): Promise<void> {
  const marker = holdRunnerMarker(readModels.db.name);
  if ('heldBy' in marker)
    process.stderr.write(`WARNING: ${describeOtherRunner(readModels.db.name, marker.heldBy)}\n`);
  const runner = new ProjectionRunner(readModels, store, projections, {
    limits: loadProjectionsConfig(process.env).batch,
    pii,
    logger: {
      log: (message) => process.stderr.write(`${message}\n`),
      error: (message) => process.stderr.write(`error: ${message}\n`),
    },
  });
  runner.start();
  process.stderr.write(`following ${projections.map((p) => p.name).join(', ')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await runner.stop();
  if (!('heldBy' in marker)) marker.release();
}

export async function statusCommand(
  readModels: ReadModels,
  store: EventStore,
  projections: AnyProjection[],
): Promise<void> {
  const now = new Date();
  const statuses = await Promise.all(
    projections.map((projection) => projectionStatus(readModels, store, projection, now)),
  );
  process.stdout.write(`${JSON.stringify(statuses, null, 2)}\n`);
}
