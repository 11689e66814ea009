/**
 * A `pii` object as it is stored: sealed with AES-256-GCM under its stream's data key, a fresh
 * 96-bit nonce per value, and the stream id and event type as additional authenticated data (a
 * sealed value copied into another stream or event type does not open). Binary fields are base64url.
 * Everything outside `pii` stays in clear and never holds personal data.
 */
export interface SealedPii {
  $sealed: 'aes-256-gcm/v1';
  /** The data key's id (the stream it belongs to). */
  key: string;
  iv: string;
  data: string;
  tag: string;
}

/** What a reader sees of a `pii` object whose key was destroyed: never an error. */
export const ERASED = Object.freeze({ erased: true as const });
export type Erased = typeof ERASED;

export function isSealed(value: unknown): value is SealedPii {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { $sealed?: unknown }).$sealed === 'aes-256-gcm/v1'
  );
}

/** Where a sealed value lives: bound into its authentication tag. */
export interface SealContext {
  streamId: string;
  eventType: string;
}
