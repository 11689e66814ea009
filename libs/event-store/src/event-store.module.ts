import {
  Inject,
  Module,
  type DynamicModule,
  type InjectionToken,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createEventStore } from './create-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';

export interface EventStoreModuleOptions {
  /** Providers `wrap` needs, in the order it takes them. */
  inject?: InjectionToken[];
  /**
   * Wraps the raw adapter (the application seals personal data on its way in): every user of
   * `EVENT_STORE` gets the wrapped store, so no path writes around it.
   */
  wrap?: (raw: EventStore, ...dependencies: never[]) => EventStore;
}

/**
 * Provides the configured event store (EventStoreDB when EVENTSTORE_CONNECTION_STRING is set, else
 * embedded SQLite) as `EVENT_STORE`, optionally wrapped, and closes it on shutdown.
 */
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(options: EventStoreModuleOptions = {}): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        {
          provide: EVENT_STORE,
          useFactory: (...dependencies: never[]) => {
            const raw = createEventStore(process.env);
            return options.wrap ? options.wrap(raw, ...dependencies) : raw;
          },
          inject: options.inject ?? [],
        },
      ],
      exports: [EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
