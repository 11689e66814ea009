import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { AllEventsFilter } from '../event-store.port';

/**
 * The server-side filter for a subscription to `$all`. The server takes one filter, on stream
 * names or on event types, so it gets the most selective part we can express:
 * - stream prefixes → a stream-name prefix filter (which also keeps `$` streams out);
 * - else event types → an event-type prefix filter (exact match is re-checked client-side);
 * - else → `excludeSystemEvents()`.
 * The subscription then re-applies the whole filter and drops `$` events client-side, so a
 * server that ignores part of this still delivers exactly the port's stream.
 */
export function serverFilterFor(filter: AllEventsFilter | undefined): Filter {
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length > 0 && !prefixes.includes('')) return streamNameFilter({ prefixes });
  const types = filter?.eventTypes ?? [];
  if (types.length > 0) return eventTypeFilter({ prefixes: types });
  return excludeSystemEvents();
}
