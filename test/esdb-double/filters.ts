import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './log';

/** The server's read batch size, which is also the default search window of a filtered read. */
export const DEFAULT_SEARCH_WINDOW = 32;

export interface EventFilter {
  matches(event: StoredEvent): boolean;
  /**
   * A filtered subscription to `$all` sends a checkpoint each time it has *considered* this many
   * records (matching or not): checkpoint-interval multiplier × search window, as the server does.
   */
  readonly checkpointInterval: number;
}

/**
 * The server-side filter of a read or subscription to `$all`: on stream names or on event types,
 * by regular expression when one is given, otherwise by any of the prefixes. `undefined` for
 * `no_filter`. Throws RangeError for a zero checkpoint multiplier, as the server refuses it.
 */
export function filterOf(options: ReadReq.Options): EventFilter | undefined {
  const filter = options.getFilter();
  if (!filter) return undefined;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const test = expressionTest(expression);
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  const multiplier = filter.getCheckpointintervalmultiplier();
  if (multiplier <= 0) throw new RangeError('The checkpoint interval multiplier must be greater than 0');
  return {
    matches: (event) => test(onStream ? event.streamId : event.type),
    checkpointInterval: multiplier * window,
  };
}

function expressionTest(expression: ReadReq.Options.FilterOptions.Expression | undefined) {
  const regex = expression?.getRegex();
  if (regex) {
    const pattern = new RegExp(regex);
    return (value: string) => pattern.test(value);
  }
  const prefixes = expression?.getPrefixList() ?? [];
  if (prefixes.length === 0) return () => true;
  return (value: string) => prefixes.some((prefix) => value.startsWith(prefix));
}
