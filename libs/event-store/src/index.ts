// The contract suite (contract/event-store.contract.ts) is not exported: it needs jest's globals.
export * from './event-store.port';
export * from './errors';
export { matchesAllEventsFilter, categoryOf } from './all-events-filter';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
// The EventStoreDB adapter is `@leap/event-store/eventstoredb` (eventstoredb/index.ts).
export {
  readOrCreateInstallationId,
  INSTALLATION_STREAM,
  INSTALLATION_CREATED,
  type InstallationIdOptions,
} from './installation-id';
export { createEventStore, type EventStoreEnv } from './create-event-store';
// The Nest module is `@leap/event-store/nest` (nest/index.ts).
export type { EventStoreWrapper } from './event-store.module';
export { dataDirOf, ensurePrivateDir, privateFile, privateSecret } from './data-dir';
