import type { StoredEventUpcasts } from '@leap/domain';
import type {
  AllEventsFilter,
  AllSubscription,
  EventStore,
  JsonObject,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '@leap/event-store';
import { EventStoreDecorator } from './event-store-decorator';

/**
 * An event store that reads stored events of older versions as their current version, for upcasts
 * that need something the pure domain does not hold (the install's pseudonym key). Every read
 * (`readStream`, `readAll`, `subscribeToAll`) passes each event through the upcast of its stored
 * type, keeping its id, stream, revision, position, metadata and recorded time; events of other
 * types pass unchanged. Appends, deletes and everything else go to the inner store as they are:
 * nothing is rewritten in the store.
 *
 * A filter naming a current type also matches the stored versions read as it, so a subscriber to
 * `StudentIdentified.v2` sees the cases identified by v1 too.
 */
export class UpcastingEventStore extends EventStoreDecorator {
  constructor(
    inner: EventStore,
    private readonly upcasts: StoredEventUpcasts,
  ) {
    super(inner);
  }

  override async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((event) => this.upcast(event));
  }

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const read = await this.inner.readAll({ ...options, filter: this.widened(options.filter) });
    return read.map((event) => this.upcast(event));
  }

  override subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const inner = this.inner.subscribeToAll({ ...options, filter: this.widened(options.filter) });
    const upcast = (event: RecordedEvent) => this.upcast(event);
    return {
      caughtUp: inner.caughtUp,
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield upcast(event);
      },
    };
  }

  private upcast(event: RecordedEvent): RecordedEvent {
    if (!Object.hasOwn(this.upcasts, event.type)) return event;
    const { to, upcast } = this.upcasts[event.type]!;
    return { ...event, type: to, data: upcast(event.data) as JsonObject };
  }

  /** The filter with every stored type that is read as one of its types added. */
  private widened(filter: AllEventsFilter | undefined): AllEventsFilter | undefined {
    const types = filter?.eventTypes;
    if (!filter || !types?.length) return filter;
    const stored = Object.entries(this.upcasts)
      .filter(([from, { to }]) => types.includes(to) && !types.includes(from))
      .map(([from]) => from);
    return stored.length ? { ...filter, eventTypes: [...types, ...stored] } : filter;
  }
}
