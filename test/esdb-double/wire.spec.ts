import { randomUUID } from 'node:crypto';
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { EventStoreDBClient } from '@eventstore/db-client';
import { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { Empty, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  DeleteReq,
} from '@eventstore/db-client/generated/streams_pb';
import { Empty as WellKnownEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { EsdbDouble } from './esdb-double';
import { streamIdentifier, streamNameOf, uuidMessage, uuidString } from './messages';
import { collect, events, newStream, useDouble } from './spec-fixtures';

const insecure = credentials.createInsecure();
const proposed = <T extends AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage>(message: T): T => {
  message.setId(uuidMessage(randomUUID(), false)).setData(Buffer.from('{}'));
  message.getMetadataMap().set('type', 'ThingHappened.v1').set('content-type', 'application/json');
  return message;
};

// What travels on the wire, checked with the client's own generated gRPC stubs.
describe('EventStoreDB double on the wire', () => {
  const { double } = useDouble({ batchAppend: true });
  const opened: Array<{ close(): void }> = [];
  afterEach(() => opened.splice(0).forEach((client) => client.close()));
  const streams = () => {
    const client = new StreamsClient(`127.0.0.1:${double().port}`, insecure);
    opened.push(client);
    return client;
  };

  it('fails a delete with the exception trailer and all its companions', async () => {
    const stream = newStream();
    const options = new DeleteReq.Options().setStreamIdentifier(streamIdentifier(stream)).setRevision('4');
    const error = await new Promise<ServiceError>((resolve) =>
      streams().delete(new DeleteReq().setOptions(options), (failure) => failure && resolve(failure)),
    );
    expect(error.code).toBe(status.FAILED_PRECONDITION);
    expect(error.metadata.getMap()).toMatchObject({
      exception: 'wrong-expected-version',
      'stream-name': stream,
      'expected-version': '4',
      'actual-version': '-1',
    });
  });

  it('answers a conflicting Append with a successful response carrying wrong_expected_version', async () => {
    const stream = newStream();
    const append = () =>
      new Promise<AppendResp>((resolve, reject) => {
        const call = streams().append(new Metadata(), (error, response) =>
          error || !response ? reject(error) : resolve(response),
        );
        const options = new AppendReq.Options()
          .setStreamIdentifier(streamIdentifier(stream))
          .setNoStream(new Empty());
        call.write(new AppendReq().setOptions(options));
        call.write(new AppendReq().setProposedMessage(proposed(new AppendReq.ProposedMessage())));
        call.end();
      });
    expect((await append()).getSuccess()?.getCurrentRevision()).toBe('0');
    const conflict = (await append()).getWrongExpectedVersion();
    expect(conflict?.getCurrentRevision()).toBe('0');
    expect(conflict?.hasExpectedNoStream()).toBe(true);
  });

  it('echoes correlation id and stream on every BatchAppend response, packing errors as google.rpc.Status', async () => {
    const stream = newStream();
    const call = streams().batchAppend();
    const responses: BatchAppendResp[] = [];
    call.on('data', (response: BatchAppendResp) => responses.push(response));
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) {
      const options = new BatchAppendReq.Options()
        .setStreamIdentifier(streamIdentifier(stream))
        .setNoStream(new WellKnownEmpty());
      const request = new BatchAppendReq().setCorrelationId(uuidMessage(id, false)).setOptions(options);
      request.addProposedMessages(proposed(new BatchAppendReq.ProposedMessage()));
      call.write(request.setIsFinal(true));
    }
    call.end();
    await new Promise((resolve) => call.on('end', resolve));
    expect(responses.map((response) => uuidString(response.getCorrelationId()))).toEqual(ids);
    expect(responses.map((response) => streamNameOf(response.getStreamIdentifier()))).toEqual([
      stream,
      stream,
    ]);
    expect(responses[0]?.getSuccess()?.getCurrentRevision()).toBe('0');
    const error = responses[1]?.getError();
    expect(error?.getCode()).toBe(status.ALREADY_EXISTS);
    const detail = error
      ?.getDetails()
      ?.unpack(WrongExpectedVersion.deserializeBinary, 'event_store.client.WrongExpectedVersion');
    expect(detail?.getCurrentStreamRevision()).toBe('0');
    expect(detail?.hasExpectedNoStream()).toBe(true);
  });

  it('lists BatchAppend in ServerFeatures, or answers UNIMPLEMENTED when told to', async () => {
    const older = await EsdbDouble.start({ batchAppend: false });
    const features = (port: number) => {
      const client = new ServerFeaturesClient(`127.0.0.1:${port}`, insecure);
      opened.push(client);
      return new Promise<SupportedMethods | ServiceError>((resolve) =>
        client.getSupportedMethods(new Empty(), (error, methods) => resolve(error ?? methods)),
      );
    };
    const methods = (await features(double().port)) as SupportedMethods;
    expect(methods.getMethodsList().map((method) => method.getMethodName())).toContain('batchappend');
    expect(await features(older.port)).toMatchObject({ code: status.UNIMPLEMENTED });
    await older.stop();
  });
});

describe('when the double stops and listens again', () => {
  it('keeps its data on the same port, and the same client carries on', async () => {
    const double = await EsdbDouble.start();
    const client = EventStoreDBClient.connectionString(double.connectionString);
    const stream = newStream();
    await client.appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
    const port = double.port;
    await double.stop();
    expect(double.listening).toBe(false);
    // Open calls end CANCELLED, new ones UNAVAILABLE: both make the client reconnect on its next call.
    const whileStopped = await client
      .appendToStream(stream, events(1))
      .catch((error: { type: string }) => error);
    expect(['cancelled', 'unavailable']).toContain((whileStopped as { type?: string }).type);
    await double.start();
    expect(double.port).toBe(port);
    await client.appendToStream(stream, events(1), { expectedRevision: 1n });
    const read = await collect(client.readStream(stream));
    expect(read.map((resolved) => resolved.event?.revision)).toEqual([0n, 1n, 2n]);
    await client.dispose();
    await double.stop();
  });
});
