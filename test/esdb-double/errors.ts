import { Metadata, status, type ServerErrorResponse } from '@grpc/grpc-js';
import {
  BadRequest,
  MaximumAppendSizeExceeded,
  StreamDeleted,
  Timeout,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import type { Code } from '@eventstore/db-client/generated/code_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { NO_STREAM, type Expected } from './expected-revision';
import { REQUIRED_METADATA, streamIdentifier } from './messages';

/**
 * Errors as the server sends them. Unary and streaming calls fail with a gRPC status whose
 * trailers name the error (`exception`) and carry the companions the client reads (a missing
 * companion makes the client throw a TypeError). BatchAppend instead answers with a
 * `google.rpc.Status` packing a typed detail.
 */

/** What grpc-js accepts as a failed status: code, message and trailers. */
export type RpcError = ServerErrorResponse;

function rpcError(code: status, details: string, trailers: Record<string, string>): RpcError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export function wrongExpectedVersionError(
  operation: string,
  streamName: string,
  expectedVersion: bigint,
  actualVersion: bigint,
): RpcError {
  const message = `${operation} failed due to WrongExpectedVersion. Stream: ${streamName}, Expected version: ${expectedVersion}, Actual version: ${actualVersion}`;
  return rpcError(status.FAILED_PRECONDITION, message, {
    exception: 'wrong-expected-version',
    'stream-name': streamName,
    'expected-version': expectedVersion.toString(),
    'actual-version': actualVersion.toString(),
  });
}

export function streamDeletedError(streamName: string): RpcError {
  return rpcError(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamName,
  });
}

export function maxAppendSizeExceededError(maxAppendSize: number): RpcError {
  return rpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
}

export function requiredMetadataMissingError(): RpcError {
  return rpcError(status.INVALID_ARGUMENT, `Required Metadata Property is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': REQUIRED_METADATA.join(','),
  });
}

export function invalidArgumentError(details: string): RpcError {
  return rpcError(status.INVALID_ARGUMENT, details, {});
}

function packed(code: status, message: string, detail: { serializeBinary(): Uint8Array }, name: string) {
  const any = new Any();
  any.pack(detail.serializeBinary(), `event_store.client.${name}`);
  return new Status()
    .setCode(code as number as Code)
    .setMessage(message)
    .setDetails(any);
}

export function wrongExpectedVersionStatus(current: bigint, expected: Expected): Status {
  const detail = new WrongExpectedVersion();
  if (current === NO_STREAM) detail.setCurrentNoStream(new Empty());
  else detail.setCurrentStreamRevision(current.toString());
  if (expected.kind === 'revision') detail.setExpectedStreamPosition(expected.revision.toString());
  else if (expected.kind === 'any') detail.setExpectedAny(new Empty());
  else if (expected.kind === 'stream_exists') detail.setExpectedStreamExists(new Empty());
  else detail.setExpectedNoStream(new Empty());
  return packed(status.ALREADY_EXISTS, 'WrongExpectedVersion', detail, 'WrongExpectedVersion');
}

export function streamDeletedStatus(streamName: string): Status {
  const detail = new StreamDeleted().setStreamIdentifier(streamIdentifier(streamName));
  return packed(status.NOT_FOUND, 'StreamDeleted', detail, 'StreamDeleted');
}

export function timeoutStatus(): Status {
  return packed(status.DEADLINE_EXCEEDED, 'Timeout', new Timeout(), 'Timeout');
}

export function maxAppendSizeStatus(maxAppendSize: number): Status {
  const detail = new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize);
  return packed(status.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', detail, 'MaximumAppendSizeExceeded');
}

export function badRequestStatus(message: string): Status {
  return packed(status.INVALID_ARGUMENT, 'BadRequest', new BadRequest().setMessage(message), 'BadRequest');
}
