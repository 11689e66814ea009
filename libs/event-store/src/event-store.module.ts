import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createEventStore } from './create-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';

/** Provides the configured event store (EventStoreDB when EVENTSTORE_CONNECTION_STRING is set, else embedded SQLite). */
@Global()
@Module({
  providers: [{ provide: EVENT_STORE, useFactory: () => createEventStore(process.env) }],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
