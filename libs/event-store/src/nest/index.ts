// The Nest module of the event store, apart from the main entry: processes without Nest (the CLI,
// an import) do not load @nestjs/common for it.
export { EventStoreModule } from '../event-store.module';
