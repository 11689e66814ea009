import type { sendUnaryData, ServerReadableStream } from '@grpc/grpc-js';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import {
  invalidArgumentError,
  maxAppendSizeExceededError,
  requiredMetadataMissingError,
  streamDeletedError,
  type RpcError,
} from './errors';
import { NO_STREAM, type Expected } from './expected-revision';
import type { EventLog, ProposedEvent, WriteOutcome } from './log';
import { empty, sizeOnDisk, streamNameOf, toProposedEvent } from './messages';

type ExpectedCase = AppendReq.Options.ExpectedStreamRevisionCase;
const Case = AppendReq.Options.ExpectedStreamRevisionCase;

/**
 * `Streams.Append`, the client-streaming append of servers without BatchAppend: one options
 * message, then one message per event. The write happens when the client ends its stream, all or
 * nothing. A wrong expected version is a *successful* response carrying `wrong_expected_version`;
 * a deleted stream and invalid requests fail with the server's trailers.
 */
export function appendHandler(log: EventLog, maxAppendSize: number) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let size = 0;
    let failure: RpcError | undefined;
    call.on('data', (request: AppendReq) => {
      if (failure) return;
      if (!options) {
        options = request.getOptions();
        if (!options) failure = invalidArgumentError('Append must start with an options message');
        return;
      }
      const message = request.getProposedMessage();
      const event = message && toProposedEvent(message);
      size += event ? sizeOnDisk(event) : 0;
      if (!event) failure = requiredMetadataMissingError();
      else if (size > maxAppendSize) failure = maxAppendSizeExceededError(maxAppendSize);
      else events.push(event);
    });
    call.on('error', () => undefined); // a cancelled call simply writes nothing
    call.on('end', () => {
      if (failure || !options) return callback(failure ?? invalidArgumentError('Append without options'));
      const streamName = streamNameOf(options.getStreamIdentifier());
      const expected = expectedOf(options.getExpectedStreamRevisionCase(), options.getRevision());
      if (!expected) return callback(invalidArgumentError('Append without an expected stream revision'));
      const outcome = log.append(streamName, expected, events);
      if (outcome.kind === 'stream_deleted') return callback(streamDeletedError(streamName));
      callback(null, appendResponse(outcome, expected));
    });
  };
}

function expectedOf(kind: ExpectedCase, revision: string): Expected | undefined {
  switch (kind) {
    case Case.ANY:
      return { kind: 'any' };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case Case.REVISION:
      return { kind: 'revision', revision: BigInt(revision) };
    default:
      return undefined;
  }
}

function appendResponse(outcome: Exclude<WriteOutcome, { kind: 'stream_deleted' }>, expected: Expected) {
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.current === NO_STREAM) wrong.setCurrentNoStream(empty());
    else wrong.setCurrentRevision(outcome.current.toString());
    if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
    else if (expected.kind === 'any') wrong.setExpectedAny(empty());
    else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(empty());
    else wrong.setExpectedNoStream(empty());
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (outcome.lastRevision === NO_STREAM) success.setNoStream(empty());
  else success.setCurrentRevision(outcome.lastRevision.toString());
  if (outcome.position === undefined) success.setNoPosition(empty());
  else {
    const position = outcome.position.toString();
    success.setPosition(new AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
  }
  return new AppendResp().setSuccess(success);
}
