import type { DataKeyAttributes } from '../keys/key-store.port';
import type { Erased, SealContext, SealedPii } from './sealed-pii';

/**
 * Seals and opens `pii` objects with their stream's data key (AES-256-GCM, a fresh nonce per value,
 * the stream id and event type bound in as additional authenticated data). The only code that
 * touches data keys besides the key store; every path that writes or reads personal data goes
 * through it, so what is encrypted, and what reads as erased, is decided in one place.
 */
export interface PiiCipher {
  /**
   * The sealed form of `pii`, under the data key `keyId` (created with `attributes` when absent).
   * @throws KeyDestroyedError when the key was destroyed: nothing more may be written for an erased family.
   */
  seal(pii: object, keyId: string, attributes: DataKeyAttributes, context: SealContext): Promise<SealedPii>;

  /**
   * The `pii` object a sealed value holds, `ERASED` when its key was destroyed. A value that is not
   * sealed (written by an earlier version, before encryption) is answered as it is.
   * @throws when the value was tampered with or moved to another stream or event type.
   */
  open(value: unknown, context: SealContext): Promise<Record<string, unknown> | Erased>;

  /** Forgets cached keys (after an erasure), so no copy of a destroyed key stays in memory. */
  forget(keyIds: string[]): void;
}

export const PII_CIPHER = Symbol('PII_CIPHER');
