import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { invalidArgumentError, streamDeletedError, type RpcError } from './errors';
import { filterOf, type EventFilter } from './filters';
import type { EventLog, StoredEvent } from './log';
import { eventResponse, streamNameOf, streamNotFoundResponse } from './messages';
import { runSubscription, type ReadCall, type SubscriptionOptions } from './subscriptions';

const StreamCase = ReadReq.Options.StreamOptions.RevisionOptionCase;
const AllCase = ReadReq.Options.AllOptions.AllOptionCase;
const BACKWARDS = ReadReq.Options.ReadDirection.BACKWARDS;

interface ReadContext {
  call: ReadCall;
  log: EventLog;
  options: ReadReq.Options;
  backwards: boolean;
  subscription: SubscriptionOptions;
}

/**
 * `Streams.Read`: reads of a stream or of `$all`, and (with subscription options) catch-up
 * subscriptions. A missing or soft-deleted stream is a normal `stream_not_found` response; a
 * tombstoned one fails with the `stream-deleted` trailers. Reads from a revision or position are
 * inclusive forwards; backwards from a position of `$all` they return what lies before it, as the
 * server's log reader does. Subscriptions start strictly after their revision or position.
 */
export function readHandler(
  log: EventLog,
  live: Pick<SubscriptionOptions, 'liveBuffer' | 'caughtUpMessages'>,
) {
  return async (call: ReadCall): Promise<void> => {
    const options = call.request.getOptions();
    if (!options || (!options.hasStream() && !options.hasAll()))
      return fail(call, invalidArgumentError('Read without a stream'));
    let filter: EventFilter | undefined;
    try {
      filter = filterOf(options);
    } catch (error) {
      return fail(call, invalidArgumentError(String(error)));
    }
    const structuredUuids = options.getUuidOption()?.hasStructured() ?? false;
    const backwards = options.getReadDirection() === BACKWARDS;
    const context = { call, log, options, backwards, subscription: { filter, structuredUuids, ...live } };
    const stream = options.getStream();
    if (stream)
      return options.hasSubscription() ? subscribeToStream(context, stream) : readStream(context, stream);
    const all = options.getAll() ?? new ReadReq.Options.AllOptions();
    return options.hasSubscription() ? subscribeToAll(context, all) : readAll(context, all);
  };
}

function readStream(context: ReadContext, stream: ReadReq.Options.StreamOptions): Promise<void> {
  const { call, log, backwards } = context;
  const name = streamNameOf(stream.getStreamIdentifier());
  const state = log.stream(name);
  if (state.tombstoned) return fail(call, streamDeletedError(name));
  if (!state.readable) return writeAll(call, [streamNotFoundResponse(name)]);
  const from = stream.getRevisionOptionCase();
  let first = 0n;
  if (from === StreamCase.REVISION) first = BigInt(stream.getRevision());
  if (from === StreamCase.END) first = backwards ? state.lastRevision : state.lastRevision + 1n;
  const events = state.visible.filter((event) =>
    backwards ? event.revision <= first : event.revision >= first,
  );
  return writeAll(call, page(context, events));
}

function subscribeToStream(context: ReadContext, stream: ReadReq.Options.StreamOptions): Promise<void> {
  const { call, log, subscription } = context;
  const name = streamNameOf(stream.getStreamIdentifier());
  const state = log.stream(name);
  if (state.tombstoned) return fail(call, streamDeletedError(name));
  const next = state.lastRevision + 1n;
  const from = stream.getRevisionOptionCase();
  // From the start means from `$tb` (never past the end: a recreated stream continues there).
  let start = state.truncateBefore !== undefined && state.truncateBefore < next ? state.truncateBefore : next;
  if (state.truncateBefore === undefined) start = 0n;
  if (from === StreamCase.REVISION) start = BigInt(stream.getRevision()) + 1n;
  if (from === StreamCase.END) start = next;
  const feed = {
    size: () => Number(state.lastRevision + 1n),
    at: (index: number) => state.eventAt(BigInt(index)),
    ended: () => (state.tombstoned ? streamDeletedError(name) : undefined),
  };
  return runSubscription(call, log, feed, Number(start), subscription);
}

function readAll(context: ReadContext, all: ReadReq.Options.AllOptions): Promise<void> {
  const { call, log, backwards } = context;
  const position = positionOf(all);
  let events: readonly StoredEvent[] = all.getAllOptionCase() === AllCase.END ? [] : log.all;
  if (backwards) events = all.getAllOptionCase() === AllCase.START ? [] : log.all;
  if (position !== undefined) {
    const split = log.indexAfter(position - 1n); // first record at or after `position`
    events = backwards ? log.all.slice(0, split) : log.all.slice(split);
  }
  return writeAll(call, page(context, events));
}

function subscribeToAll(context: ReadContext, all: ReadReq.Options.AllOptions): Promise<void> {
  const { call, log, subscription } = context;
  const position = positionOf(all);
  let start = position === undefined ? 0 : log.indexAfter(position);
  if (all.getAllOptionCase() === AllCase.END) start = log.all.length;
  const feed = { size: () => log.all.length, at: (index: number) => log.all[index], ended: () => undefined };
  return runSubscription(call, log, feed, start, subscription);
}

function positionOf(all: ReadReq.Options.AllOptions): bigint | undefined {
  const position = all.getPosition();
  return all.getAllOptionCase() === AllCase.POSITION && position
    ? BigInt(position.getCommitPosition())
    : undefined;
}

/** At most `count` responses, in the read's direction, of the events the filter keeps. */
function* page(context: ReadContext, events: readonly StoredEvent[]): Generator<ReadResp> {
  const { options, backwards, subscription } = context;
  let remaining = BigInt(options.getCount() || '0');
  for (let index = 0; index < events.length && remaining > 0n; index++) {
    const event = events[backwards ? events.length - 1 - index : index];
    if (!event || (subscription.filter && !subscription.filter.matches(event))) continue;
    remaining -= 1n;
    yield eventResponse(event, subscription.structuredUuids);
  }
}

/** Writes the responses with the transport's backpressure, then completes the call. */
async function writeAll(call: ReadCall, responses: Iterable<ReadResp>): Promise<void> {
  for (const response of responses) {
    if (call.cancelled || call.destroyed) return;
    if (!call.write(response)) await new Promise<void>((resolve) => call.once('drain', () => resolve()));
  }
  call.end();
}

/** Fails the call with a status and trailers (after any responses already written). */
async function fail(call: ReadCall, error: RpcError): Promise<void> {
  call.emit('error', error);
}
