import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type InjectionToken,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createEventStore } from './create-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';

/**
 * How the application wraps the raw adapter before anyone uses it (the privacy library's
 * protections: see `protectedEventStore` in `@leap/privacy`). The adapter knows nothing of the
 * domain; the wrapper does, and receives the providers it names in `inject`.
 */
export interface EventStoreWrapper {
  inject: InjectionToken[];
  wrap(raw: EventStore, ...dependencies: unknown[]): EventStore;
}

/**
 * Provides `EVENT_STORE`: the configured adapter (EventStoreDB when EVENTSTORE_CONNECTION_STRING is
 * set, else embedded SQLite), wrapped by the wrapper given to `forRoot`. Closed on shutdown.
 */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(wrapper?: EventStoreWrapper): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          inject: wrapper?.inject ?? [],
          useFactory: (...dependencies: unknown[]) => {
            const raw = createEventStore(process.env);
            if (!wrapper) return raw;
            try {
              return wrapper.wrap(raw, ...dependencies);
            } catch (error) {
              void raw.close();
              throw error;
            }
          },
        },
      ],
      exports: [EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
