import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { RpcError } from './errors';
import type { EventFilter } from './filters';
import type { EventLog, StoredEvent } from './log';
import {
  caughtUpResponse,
  checkpointResponse,
  confirmationResponse,
  eventResponse,
  fellBehindResponse,
} from './messages';

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/** What a subscription walks: `$all`'s records, or one stream's events by revision. */
export interface Feed {
  /** Records available now; a feed only ever grows. */
  size(): number;
  at(index: number): StoredEvent | undefined;
  /** Set once the feed can never continue (a tombstoned stream): the call fails with it. */
  ended(): RpcError | undefined;
}

export interface SubscriptionOptions {
  filter?: EventFilter;
  structuredUuids: boolean;
  /** While live, a consumer this many records behind (with the transport full) has fallen behind. */
  liveBuffer: number;
  /** Servers before 23.10 send neither `caughtUp` nor `fellBehind`. */
  caughtUpMessages: boolean;
}

/**
 * A catch-up subscription, modelled as a cursor over the log: `confirmation`, then the history
 * from `start`, `caughtUp` when the cursor reaches the end of the log, then live records as they
 * are written — so nothing is missed or repeated between history and live. Filtered `$all`
 * subscriptions also send `checkpoint`s. Writes respect the transport's backpressure; a live
 * consumer that lets `liveBuffer` records pile up gets `fellBehind` and catches up again (then a
 * new `caughtUp`), as the server drops a too-slow live subscription back to catch-up.
 */
export async function runSubscription(
  call: ReadCall,
  log: EventLog,
  feed: Feed,
  start: number,
  options: SubscriptionOptions,
): Promise<void> {
  const closed = whenClosed(call);
  call.write(confirmationResponse(randomUUID()));
  const { filter, structuredUuids, liveBuffer, caughtUpMessages } = options;
  let [cursor, considered, scanned, live] = [start, 0, 0, false];
  while (!closed.done && !call.cancelled) {
    const record = cursor < feed.size() ? feed.at(cursor) : undefined;
    if (record) {
      cursor += 1;
      let writable = true;
      if (!filter || filter.matches(record)) writable = call.write(eventResponse(record, structuredUuids));
      if (filter && ++considered >= filter.checkpointInterval) {
        considered = 0;
        writable = call.write(checkpointResponse(record.position)) && writable;
      }
      if (!writable) {
        if (live && feed.size() - cursor >= liveBuffer) {
          live = false;
          if (caughtUpMessages) call.write(fellBehindResponse());
        }
        await Promise.race([drained(call), closed.promise]);
      } else if (++scanned % 1_000 === 0) {
        await yieldToEventLoop(); // long filtered scans must not starve the server
      }
      continue;
    }
    const ended = feed.ended();
    if (ended) {
      call.emit('error', ended);
      return;
    }
    if (!live) {
      live = true;
      if (caughtUpMessages) call.write(caughtUpResponse());
    }
    await Promise.race([log.changed(), closed.promise]);
  }
}

function drained(call: ReadCall): Promise<void> {
  return new Promise((resolve) => call.once('drain', () => resolve()));
}

/** Ends the loop when the client cancels, the call ends, or the server shuts down. */
function whenClosed(call: ReadCall) {
  const state = { done: false, promise: Promise.resolve() };
  state.promise = new Promise<void>((resolve) => {
    const close = () => {
      state.done = true;
      resolve();
    };
    call.once('cancelled', close);
    call.once('close', close);
    call.once('finish', close);
  });
  return state;
}
