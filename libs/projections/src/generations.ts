import type { GenerationRow } from './checkpoints';
import type { AnyProjection } from './projection';
import { generationTable, type ReadModels } from './read-models';

/** A build aside whose checkpoint has not moved for this long is taken as abandoned (its process died). */
export const ABANDONED_BUILD_MS = 30_000;

/**
 * Generations of a projection's tables. Queries read the active generation; a rebuild fills a new
 * inactive one and swaps it in with one transaction, then drops the old one. Each step is a single
 * SQLite transaction, so a crash leaves either the old or the new generation active, never neither.
 */
export function ensureActiveGeneration(
  readModels: ReadModels,
  projection: AnyProjection,
  now: Date,
): GenerationRow {
  const { db, checkpoints } = readModels;
  return db
    .transaction(() => {
      const active = checkpoints.active(projection.name);
      if (active) return active;
      const generation = checkpoints.create(projection.name, projection.version, true, now.toISOString());
      projection.store.create(db, generationTable(projection.name, generation));
      return checkpoints.generation(projection.name, generation)!;
    })
    .immediate();
}

/**
 * Creates an empty inactive generation to build aside. Builds left behind by a dead process are
 * dropped first; a build that is still moving means another rebuild is running, which is refused
 * unless `force` (the other build then fails at its next batch).
 */
export function createGenerationAside(
  readModels: ReadModels,
  projection: AnyProjection,
  now: Date,
  force = false,
): GenerationRow {
  const { db, checkpoints } = readModels;
  return db
    .transaction(() => {
      for (const other of checkpoints.all(projection.name)) {
        if (other.active) continue;
        const idleMs = now.getTime() - Date.parse(other.updatedAt);
        if (!force && idleMs < ABANDONED_BUILD_MS) {
          throw new Error(
            `A rebuild of ${projection.name} is in progress (generation ${other.generation}, last batch ${other.updatedAt})`,
          );
        }
        dropInTransaction(readModels, projection, other.generation);
      }
      const generation = checkpoints.create(projection.name, projection.version, false, now.toISOString());
      projection.store.create(db, generationTable(projection.name, generation));
      return checkpoints.generation(projection.name, generation)!;
    })
    .immediate();
}

/**
 * Makes a generation built aside the active one and drops the one it replaces. A live runner still
 * following the old generation finds its checkpoint gone at its next batch and resubscribes from
 * the new generation's checkpoint, so events that arrived during the swap are applied there.
 */
export function swapIn(readModels: ReadModels, projection: AnyProjection, generation: number): void {
  const { db, checkpoints } = readModels;
  const retired = db
    .transaction(() => {
      const built = checkpoints.generation(projection.name, generation);
      if (!built || built.active)
        throw new Error(`Generation ${generation} of ${projection.name} cannot be swapped in`);
      const old = checkpoints.active(projection.name);
      if (old) checkpoints.setActiveFlag(projection.name, old.generation, false);
      checkpoints.setActiveFlag(projection.name, generation, true);
      return old?.generation ?? null;
    })
    .immediate();
  if (retired !== null) dropGeneration(readModels, projection, retired);
}

/** Drops a generation's tables and its checkpoint row (never the active one). */
export function dropGeneration(readModels: ReadModels, projection: AnyProjection, generation: number): void {
  readModels.db.transaction(() => dropInTransaction(readModels, projection, generation)).immediate();
}

function dropInTransaction(readModels: ReadModels, projection: AnyProjection, generation: number): void {
  const row = readModels.checkpoints.generation(projection.name, generation);
  if (!row || row.active) return;
  projection.store.drop(readModels.db, generationTable(projection.name, generation));
  readModels.checkpoints.delete(projection.name, generation);
}
