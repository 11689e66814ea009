import type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendHandler } from './append';
import { batchAppendHandler } from './batch-append';
import { deleteHandler, tombstoneHandler } from './delete';
import type { EventLog } from './log';
import { readHandler } from './read';

export interface StreamsServiceOptions {
  /** The server's default is 1 MiB of event data, metadata and type per append. */
  maxAppendSize: number;
  /** Records a live subscription may fall behind (with its transport full) before `fellBehind`. */
  liveBuffer: number;
  /** Send `caughtUp`/`fellBehind` to subscriptions, as servers from 23.10 do. */
  caughtUpMessages: boolean;
}

/** The `event_store.client.streams.Streams` service over one in-memory log. */
export function streamsService(log: EventLog, options: StreamsServiceOptions): IStreamsServer {
  const read = readHandler(log, options);
  return {
    // A read's own failures are reported on its call; this only guards against the unforeseen.
    read: (call) => void read(call).catch((error: unknown) => call.destroy(error as Error)),
    append: appendHandler(log, options.maxAppendSize),
    batchAppend: batchAppendHandler(log, options.maxAppendSize),
    delete: deleteHandler(log),
    tombstone: tombstoneHandler(log),
  };
}
