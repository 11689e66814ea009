import type { RecordedEvent } from '@leap/event-store';
import type { PiiCipher } from './pii-cipher';

/**
 * The events with their `pii` opened, for a reader that shows personal data to a role allowed to
 * see it. Each value is opened in the context it was sealed in (its stream and its type as
 * recorded, before any upcasting). A value whose key was destroyed reads as `{ erased: true }`;
 * events without `pii` come back as they are. Only call it for such readers: everyone else works on
 * the stored events and never causes a key to be read.
 */
export function openPii(
  cipher: Pick<PiiCipher, 'open'>,
  events: readonly RecordedEvent[],
): Promise<RecordedEvent[]> {
  return Promise.all(
    events.map(async (event) => {
      if (!('pii' in event.data)) return event;
      const pii = await cipher.open(event.data.pii, { streamId: event.streamId, eventType: event.type });
      return { ...event, data: { ...event.data, pii } };
    }),
  );
}
