import type { JsonObject, RecordedEvent } from '../event-store.port';

/** An `events` row as better-sqlite3 returns it (integers as numbers: positions stay below 2^53). */
export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: String(row.position),
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as JsonObject,
    recordedAt: row.recorded_at,
  };
}

/** Positions this adapter issues are decimal strings of the integer `position` column. */
export function parsePosition(position: string): number {
  if (!/^\d+$/.test(position)) throw new RangeError(`Not a SQLite event store position: ${position}`);
  return Number(position);
}
