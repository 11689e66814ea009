import type { AppendResult, EventStore, EventToAppend, ExpectedRevision } from '@leap/event-store';
import type { PiiCipher } from '../crypto/pii-cipher';
import { isSealed } from '../crypto/sealed-pii';
import { EventStoreDecorator } from './event-store-decorator';

/**
 * Seals personal data on its way into the event store: every event appended with a plain `pii`
 * object gets it replaced by its sealed form, under the data key of its stream (created on first
 * use, with the district and household that erasure finds it by), bound to the stream id and event
 * type. Everything else (events without `pii`, values already sealed) passes through untouched.
 *
 * Reads return what is stored: nothing is decrypted here. Only the readers that show personal data
 * to roles allowed to see it open it (`PiiOpener`), so replays, projections and monitors' reads
 * never touch a key.
 *
 * An erased family's stream cannot get new personal data: sealing under a destroyed key throws
 * `KeyDestroyedError`, and the append does not happen.
 */
export class SealingEventStore extends EventStoreDecorator {
  constructor(
    inner: EventStore,
    private readonly cipher: PiiCipher,
  ) {
    super(inner);
  }

  override async appendToStream(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const sealed = await Promise.all(events.map((event) => this.seal(streamId, event)));
    return this.inner.appendToStream(streamId, sealed, expected);
  }

  private async seal(streamId: string, event: EventToAppend): Promise<EventToAppend> {
    const { pii } = event.data;
    if (!isPlainObject(pii) || isSealed(pii)) return event;
    const districtId = event.metadata.districtId;
    const household = event.data.household;
    const sealed = await this.cipher.seal(
      pii,
      streamId,
      {
        districtId: typeof districtId === 'string' ? districtId : null,
        household: typeof household === 'string' ? household : null,
      },
      { streamId, eventType: event.type },
    );
    return { ...event, data: { ...event.data, pii: sealed } };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
