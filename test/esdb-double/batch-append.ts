import type { ServerDuplexStream } from '@grpc/grpc-js';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { AllStreamPosition } from '@eventstore/db-client/generated/shared_pb';
import type { Status } from '@eventstore/db-client/generated/status_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  badRequestStatus,
  maxAppendSizeStatus,
  streamDeletedStatus,
  timeoutStatus,
  wrongExpectedVersionStatus,
} from './errors';
import { NO_STREAM, type Expected } from './expected-revision';
import type { EventLog, ProposedEvent, WriteOutcome } from './log';
import { sizeOnDisk, streamIdentifier, streamNameOf, toProposedEvent, uuidString } from './messages';

const Case = BatchAppendReq.Options.ExpectedStreamPositionCase;

interface PendingWrite {
  streamName: string;
  expected: Expected;
  events: ProposedEvent[];
  size: number;
}

/**
 * `Streams.BatchAppend`: one long-lived bidirectional call multiplexes appends by correlation id.
 * A write's first request carries its options; its events may span several requests; the one
 * marked `is_final` commits it. Every response echoes the request's correlation id and stream
 * identifier; failures are `google.rpc.Status` values packing the typed detail the client unpacks.
 */
export function batchAppendHandler(log: EventLog, maxAppendSize: number) {
  return (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, PendingWrite>();
    const respond = (request: BatchAppendReq, streamName: string, result: BatchAppendResp) => {
      result.setCorrelationId(request.getCorrelationId()).setStreamIdentifier(streamIdentifier(streamName));
      if (!call.cancelled && call.writable) call.write(result);
    };
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = uuidString(request.getCorrelationId());
      const options = request.getOptions();
      if (options) {
        const streamName = streamNameOf(options.getStreamIdentifier());
        const expected = expectedOf(options);
        if (!expected) return respond(request, streamName, failed(badRequestStatus('No expected position')));
        if ((options.getDeadline()?.toDate().getTime() ?? Infinity) <= Date.now())
          return respond(request, streamName, failed(timeoutStatus()));
        pending.set(correlationId, { streamName, expected, events: [], size: 0 });
      }
      const write = pending.get(correlationId);
      if (!write) return; // an earlier request of this write already failed
      for (const message of request.getProposedMessagesList()) {
        const event = toProposedEvent(message);
        if (!event) {
          pending.delete(correlationId);
          return respond(request, write.streamName, failed(badRequestStatus('Required metadata is missing')));
        }
        write.size += sizeOnDisk(event);
        write.events.push(event);
      }
      if (write.size > maxAppendSize) {
        pending.delete(correlationId);
        return respond(request, write.streamName, failed(maxAppendSizeStatus(maxAppendSize)));
      }
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      const outcome = log.append(write.streamName, write.expected, write.events);
      respond(request, write.streamName, toResponse(outcome, write));
    });
    call.on('error', () => undefined); // the client went away; nothing is pending on our side
    call.on('end', () => call.end());
  };
}

function expectedOf(options: BatchAppendReq.Options): Expected | undefined {
  switch (options.getExpectedStreamPositionCase()) {
    case Case.ANY:
      return { kind: 'any' };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case Case.STREAM_POSITION:
      return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
    default:
      return undefined;
  }
}

function failed(status: Status): BatchAppendResp {
  return new BatchAppendResp().setError(status);
}

function toResponse(outcome: WriteOutcome, write: PendingWrite): BatchAppendResp {
  switch (outcome.kind) {
    case 'stream_deleted':
      return failed(streamDeletedStatus(write.streamName));
    case 'wrong_expected_version':
      return failed(wrongExpectedVersionStatus(outcome.current, write.expected));
    case 'written':
    case 'idempotent': {
      const success = new BatchAppendResp.Success();
      if (outcome.lastRevision === NO_STREAM) success.setNoStream(new Empty());
      else success.setCurrentRevision(outcome.lastRevision.toString());
      if (outcome.position === undefined) success.setNoPosition(new Empty());
      else {
        const position = outcome.position.toString();
        success.setPosition(new AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
      }
      return new BatchAppendResp().setSuccess(success);
    }
  }
}
