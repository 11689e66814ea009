import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type EventStoreDBClient,
  type Position as ClientPosition,
  type ReadPosition,
} from '@eventstore/db-client';
import { matchesAllEventsFilter } from '../all-events-filter';
import type { ReadAllOptions, RecordedEvent } from '../event-store.port';
import { compareClientPositions, decodePosition } from './positions';
import { isSystemEvent, toRecordedEvent } from './recorded-events';

const PAGE = 512;

/**
 * Pages through `$all` from `after`. The client's `fromPosition` is inclusive and ours exclusive,
 * so the event at exactly `after` (and at each page boundary) is skipped. System events and the
 * filter are applied here: the client's `readAll` has no server-side filter.
 */
export async function readAllEvents(
  client: EventStoreDBClient,
  options: ReadAllOptions,
): Promise<RecordedEvent[]> {
  const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
  const events: RecordedEvent[] = [];
  let skip = options.after === undefined ? undefined : decodePosition(options.after);
  let from: ReadPosition = skip ?? START;
  while (events.length < limit) {
    const read = client.readAll({ fromPosition: from, maxCount: PAGE, direction: FORWARDS });
    let received = 0;
    let last: ClientPosition | undefined;
    for await (const resolved of read) {
      received += 1;
      const position = resolved.event?.position;
      if (!position) continue;
      last = position;
      if (skip && compareClientPositions(position, skip) === 0) continue;
      const event = toRecordedEvent(resolved);
      if (!event || isSystemEvent(event.streamId, event.type)) continue;
      if (!matchesAllEventsFilter(options.filter, event.streamId, event.type)) continue;
      events.push(event);
      if (events.length >= limit) {
        await read.cancel();
        break;
      }
    }
    if (received < PAGE || !last) break;
    from = last;
    skip = last;
  }
  return events;
}

/**
 * Position of the last record in `$all` (system events included); null for an empty log.
 * The read is drained to its end, never left early: grpc-js only delivers a call's final status
 * once the reader asks for more after the last message, and the client's `dispose()` waits for
 * every call it started to finish — a read abandoned after its one event made `close()` hang.
 */
export async function headOfAll(client: EventStoreDBClient): Promise<ClientPosition | null> {
  let head: ClientPosition | null = null;
  for await (const resolved of client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) {
    head = resolved.event?.position ?? head;
  }
  return head;
}
