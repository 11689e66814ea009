// The EventStoreDB adapter, apart from the main entry: its client (gRPC, protobuf) takes a tenth of a
// second to load, which processes on the embedded store (the CLI, an import) do not pay.
// `createEventStore` loads it only when EVENTSTORE_CONNECTION_STRING is set.
export { EventStoreDbEventStore } from './eventstoredb-event-store';
export { EventStoreDeadlineError } from './deadlines';
