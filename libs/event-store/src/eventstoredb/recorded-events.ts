import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { JsonObject, RecordedEvent } from '../event-store.port';
import { encodePosition } from './positions';

/**
 * The server writes its own events into `$all`: `$`-prefixed event types (`$metadata`, `$>`
 * links, statistics) and `$`-prefixed streams (`$$<stream>` metadata, `$stats-...`). The port's
 * `$all` is the application's events only.
 */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/** Maps a resolved event; `undefined` for an unresolved link (no event to deliver). */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  // Servers before 22.6 send no position on stream reads; fall back to the commit position.
  const position =
    event.position ??
    (resolved.commitPosition === undefined
      ? undefined
      : { commit: resolved.commitPosition, prepare: resolved.commitPosition });
  if (!position)
    throw new Error(`EventStoreDB sent event ${event.id} without a position (server older than 22.6?)`);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: encodePosition(position),
    type: event.type,
    data: toJsonObject(event.data),
    metadata: toJsonObject(event.metadata),
    recordedAt: event.created.toISOString(),
  };
}

/** Every event of a stream read, mapped (unresolved links left out). */
export async function collectEvents(read: AsyncIterable<ResolvedEvent>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const resolved of read) {
    const event = toRecordedEvent(resolved);
    if (event) events.push(event);
  }
  return events;
}

/** Our events are JSON objects; binary or absent payloads of foreign events are decoded best-effort. */
function toJsonObject(value: unknown): JsonObject {
  if (value instanceof Uint8Array) {
    try {
      return toJsonObject(JSON.parse(Buffer.from(value).toString('utf8')));
    } catch {
      return {};
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  return value === undefined ? {} : { value };
}
