import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';

/** The server version the double claims when it answers `GetSupportedMethods`. */
export const SERVER_VERSION = '23.10.0';

const STREAMS = 'event_store.client.streams.streams';
const FEATURES = 'event_store.client.server_features.serverfeatures';

/**
 * `ServerFeatures.GetSupportedMethods`, which the client calls once per connection. With
 * `batchAppend` the double lists `Streams.BatchAppend` (service and method names lowercased, as
 * the server sends them), so the client appends through it; without, it answers UNIMPLEMENTED like
 * servers before 21.10, and the client falls back to `Streams.Append`.
 */
export function getSupportedMethodsHandler(batchAppend: boolean) {
  return (
    _call: ServerUnaryCall<Empty, SupportedMethods>,
    callback: sendUnaryData<SupportedMethods>,
  ): void => {
    if (!batchAppend) return callback({ code: status.UNIMPLEMENTED, details: 'Method not found' });
    const method = (service: string, name: string, features: string[] = []) =>
      new SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
    const methods = [
      method(STREAMS, 'read', ['position', 'events']),
      method(STREAMS, 'append'),
      method(STREAMS, 'delete'),
      method(STREAMS, 'tombstone'),
      // The double reads BatchAppend's deadline as the client 6.x sends it (a timestamp), so it does
      // not claim the server's `deadline_duration` feature.
      method(STREAMS, 'batchappend'),
      method(FEATURES, 'getsupportedmethods'),
    ];
    callback(null, new SupportedMethods().setEventStoreServerVersion(SERVER_VERSION).setMethodsList(methods));
  };
}
