import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKey } from './key-store.port';

/**
 * How data keys are stored: 32 random bytes, wrapped with AES-256-GCM under the master key, with the
 * key id as additional authenticated data (a wrapped key copied onto another id does not unwrap).
 * The stored form is `nonce (12) ‖ ciphertext (32) ‖ tag (16)`; the row beside it records which
 * master key wrapped it, so a store opened with another master key says so instead of failing blindly.
 */
const DATA_KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function newDataKey(): Uint8Array {
  return new Uint8Array(randomBytes(DATA_KEY_BYTES));
}

export function wrapKey(master: MasterKey, keyId: string, dataKey: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', master.key, nonce);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** The data key of a stored row. @throws MasterKeyMismatchError, or when the row was altered. */
export function unwrapKey(
  master: MasterKey,
  row: { keyId: string; masterId: string; wrapped: Uint8Array },
): Uint8Array {
  if (row.masterId !== master.id) throw new MasterKeyMismatchError(row.keyId, row.masterId, master.id);
  const wrapped = Buffer.from(row.wrapped);
  const nonce = wrapped.subarray(0, NONCE_BYTES);
  const tag = wrapped.subarray(wrapped.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', master.key, nonce);
  decipher.setAAD(Buffer.from(row.keyId, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    const key = Buffer.concat([
      decipher.update(wrapped.subarray(NONCE_BYTES, wrapped.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return new Uint8Array(key);
  } catch {
    throw new Error(
      `The data key ${row.keyId} does not unwrap with master key ${master.id}: its row was altered`,
    );
  }
}

/** A data key wrapped by another master key than the store's: the store was opened with the wrong (or an old) key. */
export class MasterKeyMismatchError extends Error {
  override readonly name = 'MasterKeyMismatchError';
  constructor(
    readonly keyId: string,
    readonly wrappedBy: string,
    readonly masterId: string,
  ) {
    super(
      `The data key ${keyId} is wrapped by master key ${wrappedBy}, but this process has master key ${masterId}: ` +
        'start it with the master key the store was last rotated to (after an interrupted ' +
        '`npm run leap -- keys rotate`, run it again to finish)',
    );
  }
}
