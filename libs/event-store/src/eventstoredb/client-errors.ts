import { ErrorType } from '@eventstore/db-client';
import {
  EventStoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../errors';

interface ClientErrorShape {
  type?: unknown;
  expectedVersion?: unknown;
  actualVersion?: unknown;
}

/**
 * Turns the client's errors into the port's typed errors, so callers never import the client.
 * Recognised by their `type` rather than `instanceof`, which two copies of the client (or two
 * realms, as under jest) would defeat. A server that is gone, not the leader or too slow is
 * EventStoreUnavailableError; anything else (access denied...) passes through.
 */
export function toStoreError(error: unknown, streamId: string, expected?: string): unknown {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ClientErrorShape;
  switch (shape.type) {
    case ErrorType.WRONG_EXPECTED_VERSION: {
      // The server reports a missing stream as "no_stream" or as revision -1.
      const actual =
        typeof shape.actualVersion === 'bigint' && shape.actualVersion >= 0n ? shape.actualVersion : null;
      return new WrongExpectedRevisionError(streamId, expected ?? String(shape.expectedVersion), actual);
    }
    case ErrorType.STREAM_NOT_FOUND:
      return new StreamNotFoundError(streamId);
    case ErrorType.STREAM_DELETED:
      return new StreamDeletedError(streamId);
    case ErrorType.UNAVAILABLE:
    case ErrorType.NOT_LEADER:
    case ErrorType.DEADLINE_EXCEEDED:
      return new EventStoreUnavailableError(
        `EventStoreDB unavailable for ${streamId}: ${(error as Error).message}`,
      );
    default:
      return error;
  }
}
