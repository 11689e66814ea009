import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Position as ClientPosition,
  type ReadPosition,
} from '@eventstore/db-client';
import { matchesAllEventsFilter } from '../all-events-filter';
import type { ReadAllOptions, RecordedEvent } from '../event-store.port';
import { withDeadline } from './deadlines';
import { compareClientPositions, decodePosition } from './positions';
import { isSystemEvent, toRecordedEvent } from './recorded-events';

const PAGE = 512;

/**
 * Pages through `$all` from `after`. The client's `fromPosition` is inclusive and ours exclusive,
 * so the event at exactly `after` (and at each page boundary) is skipped. System events and the
 * filter are applied here: the client's `readAll` has no server-side filter. Each page must arrive
 * within `deadlineMs` (the client reads with no deadline).
 */
export async function readAllEvents(
  client: EventStoreDBClient,
  options: ReadAllOptions,
  deadlineMs: number,
): Promise<RecordedEvent[]> {
  const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
  const events: RecordedEvent[] = [];
  let skip = options.after === undefined ? undefined : decodePosition(options.after);
  let from: ReadPosition = skip ?? START;
  while (events.length < limit) {
    const read = client.readAll({ fromPosition: from, maxCount: PAGE, direction: FORWARDS });
    const page = await withDeadline(drain(read), deadlineMs, 'readAll', () => void read.cancel());
    let last: ClientPosition | undefined;
    for (const resolved of page) {
      const position = resolved.event?.position;
      if (!position) continue;
      last = position;
      if (skip && compareClientPositions(position, skip) === 0) continue;
      const event = toRecordedEvent(resolved);
      if (!event || isSystemEvent(event.streamId, event.type)) continue;
      if (!matchesAllEventsFilter(options.filter, event.streamId, event.type)) continue;
      events.push(event);
      if (events.length >= limit) break;
    }
    if (page.length < PAGE || !last) break;
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
export async function headOfAll(
  client: EventStoreDBClient,
  deadlineMs: number,
): Promise<ClientPosition | null> {
  const read = client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 });
  const records = await withDeadline(drain(read), deadlineMs, 'readAll(head)', () => void read.cancel());
  return records.at(-1)?.event?.position ?? null;
}

/** Every record of one bounded read, to its end (see headOfAll for why never part of it). */
async function drain(read: AsyncIterable<AllStreamResolvedEvent>): Promise<AllStreamResolvedEvent[]> {
  const records: AllStreamResolvedEvent[] = [];
  for await (const resolved of read) records.push(resolved);
  return records;
}
