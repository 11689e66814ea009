import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import {
  DeleteReq,
  DeleteResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import { invalidArgumentError, streamDeletedError, wrongExpectedVersionError, type RpcError } from './errors';
import { expectedVersionNumber, type Expected } from './expected-revision';
import type { EventLog, WriteOutcome } from './log';
import { empty, streamNameOf } from './messages';

/** The options both delete requests share (their expected-revision cases are numbered alike). */
type DeleteOptions = DeleteReq.Options | TombstoneReq.Options;
const Case = DeleteReq.Options.ExpectedStreamRevisionCase;

/**
 * `Streams.Delete` (soft: `$tb` moves to "deleted" in `$$<stream>`; the stream reads as missing
 * and may be written again, continuing its revisions) and `Streams.Tombstone` (hard: a
 * `$streamDeleted` record; reads and writes then fail with `stream-deleted` for good). A wrong
 * expected revision fails with the `wrong-expected-version` trailers.
 */
export function deleteHandler(log: EventLog) {
  return (call: ServerUnaryCall<DeleteReq, DeleteResp>, callback: sendUnaryData<DeleteResp>): void => {
    const result = remove(call.request.getOptions(), 'Delete', (name, expected) =>
      log.softDelete(name, expected),
    );
    if ('error' in result) return callback(result.error);
    const response = new DeleteResp();
    if (result.position === undefined) response.setNoPosition(empty());
    else
      response.setPosition(
        new DeleteResp.Position().setCommitPosition(result.position).setPreparePosition(result.position),
      );
    callback(null, response);
  };
}

export function tombstoneHandler(log: EventLog) {
  return (
    call: ServerUnaryCall<TombstoneReq, TombstoneResp>,
    callback: sendUnaryData<TombstoneResp>,
  ): void => {
    const result = remove(call.request.getOptions(), 'Delete', (name, expected) =>
      log.tombstone(name, expected),
    );
    if ('error' in result) return callback(result.error);
    const response = new TombstoneResp();
    if (result.position === undefined) response.setNoPosition(empty());
    else
      response.setPosition(
        new TombstoneResp.Position().setCommitPosition(result.position).setPreparePosition(result.position),
      );
    callback(null, response);
  };
}

function remove(
  options: DeleteOptions | undefined,
  operation: string,
  apply: (streamName: string, expected: Expected) => WriteOutcome,
): { error: RpcError } | { position: string | undefined } {
  const expected = options && expectedOf(options);
  if (!options || !expected)
    return { error: invalidArgumentError(`${operation} without an expected revision`) };
  const streamName = streamNameOf(options.getStreamIdentifier());
  const outcome = apply(streamName, expected);
  switch (outcome.kind) {
    case 'stream_deleted':
      return { error: streamDeletedError(streamName) };
    case 'wrong_expected_version':
      return {
        error: wrongExpectedVersionError(
          operation,
          streamName,
          expectedVersionNumber(expected),
          outcome.current,
        ),
      };
    default:
      return { position: outcome.position?.toString() };
  }
}

function expectedOf(options: DeleteOptions): Expected | undefined {
  switch (options.getExpectedStreamRevisionCase() as number) {
    case Case.ANY:
      return { kind: 'any' };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case Case.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    default:
      return undefined;
  }
}
