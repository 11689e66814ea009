import type { RecordedEvent } from '@leap/event-store';
import { SealedPiiTamperedError } from './aes-gcm-pii-cipher';
import type { PiiCipher } from './pii-cipher';

/**
 * What a reader sees of a sealed value that does not authenticate (altered in the store, or copied
 * from another stream or event type): its content is never shown, and the rest of the answer is.
 */
export const UNREADABLE = Object.freeze({ unreadable: true as const });

/**
 * The events with their `pii` opened, for a reader that shows personal data to a role allowed to
 * see it. Each value is opened in the context it was sealed in (its stream and its type as
 * recorded, before any upcasting). A value whose key was destroyed reads as `{ erased: true }`;
 * one that does not authenticate as `{ unreadable: true }`; events without `pii` come back as they are. Only call it for such readers: everyone else works on
 * the stored events and never causes a key to be read.
 */
export function openPii(
  cipher: Pick<PiiCipher, 'open'>,
  events: readonly RecordedEvent[],
): Promise<RecordedEvent[]> {
  return Promise.all(
    events.map(async (event) => {
      if (!('pii' in event.data)) return event;
      const context = { streamId: event.streamId, eventType: event.type };
      const pii = await cipher.open(event.data.pii, context).catch((error: unknown) => {
        if (error instanceof SealedPiiTamperedError) return UNREADABLE;
        throw error;
      });
      return { ...event, data: { ...event.data, pii } };
    }),
  );
}
