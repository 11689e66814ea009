import type { EventStore, Position } from '@leap/event-store';
import { countEvents, firstEventAfter } from './event-counts';
import type { AnyProjection } from './projection';
import type { ReadModels } from './read-models';

/** Lag is counted exactly up to this many events, then reported as "at least". */
export const LAG_COUNT_CAP = 10_000;

export type ProjectionState = 'live' | 'catching_up' | 'failing' | 'not_started';

export interface ProjectionStatus {
  name: string;
  version: number;
  state: ProjectionState;
  /** Position of the last event applied to the served (active) generation. */
  checkpoint: Position | null;
  updatedAt: string | null;
  eventsApplied: number;
  lag: {
    /** Events the projection subscribes to that it has not applied yet. */
    events: number;
    /** True when there are more than `events` (counting stopped at the cap). */
    eventsCapped: boolean;
    /** Age of the oldest event not applied yet; 0 when caught up. */
    seconds: number;
  };
  /** The most recent failure, kept after recovery; `state` says whether it is still failing. */
  lastError: { message: string; at: string } | null;
  /** A generation being built aside, when a rebuild is running. */
  rebuild: { generation: number; version: number; checkpoint: Position | null; eventsApplied: number } | null;
}

export async function projectionStatus(
  readModels: ReadModels,
  store: EventStore,
  projection: AnyProjection,
  now: Date,
): Promise<ProjectionStatus> {
  const generations = readModels.checkpoints.all(projection.name);
  const active = generations.find((generation) => generation.active) ?? null;
  const building = generations.filter((generation) => !generation.active).at(-1) ?? null;
  const checkpoint = active?.position ?? null;
  const lag = await countEvents(store, projection.filter, checkpoint, LAG_COUNT_CAP);
  const oldest = lag.count > 0 ? await firstEventAfter(store, projection.filter, checkpoint) : null;
  const failing = !!active?.lastErrorAt && active.lastErrorAt >= active.updatedAt;
  return {
    name: projection.name,
    version: projection.version,
    state: !active ? 'not_started' : failing ? 'failing' : lag.count > 0 ? 'catching_up' : 'live',
    checkpoint,
    updatedAt: active?.updatedAt ?? null,
    eventsApplied: active?.events ?? 0,
    lag: {
      events: lag.count,
      eventsCapped: lag.capped,
      seconds: oldest ? Math.max(0, (now.getTime() - Date.parse(oldest.recordedAt)) / 1000) : 0,
    },
    lastError:
      active?.lastError && active.lastErrorAt ? { message: active.lastError, at: active.lastErrorAt } : null,
    rebuild: building
      ? {
          generation: building.generation,
          version: building.version,
          checkpoint: building.position,
          eventsApplied: building.events,
        }
      : null,
  };
}
