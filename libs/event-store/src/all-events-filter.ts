import type { AllEventsFilter } from './event-store.port';

/**
 * The one reading of `AllEventsFilter` every adapter shares: an event passes when its stream id
 * starts with any listed prefix AND its type is any listed type. A missing or empty list does not
 * constrain (an empty list is "no filter", not "nothing passes").
 */
export function matchesAllEventsFilter(
  filter: AllEventsFilter | undefined,
  streamId: string,
  type: string,
): boolean {
  if (!filter) return true;
  const { streamPrefixes, eventTypes } = filter;
  if (streamPrefixes?.length && !streamPrefixes.some((prefix) => streamId.startsWith(prefix))) return false;
  if (eventTypes?.length && !eventTypes.includes(type)) return false;
  return true;
}

/** The category of `case-12-a` is `case`: EventStoreDB's rule, the part before the first dash. */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}
