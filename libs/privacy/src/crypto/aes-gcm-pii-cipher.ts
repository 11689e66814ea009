import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKeyAttributes, KeyStore } from '../keys/key-store.port';
import { DataKeyCache, type DataKeyCacheOptions } from './data-key-cache';
import type { PiiCipher } from './pii-cipher';
import { ERASED, isSealed, type Erased, type SealContext, type SealedPii } from './sealed-pii';

const NONCE_BYTES = 12;
/**
 * Keys stay cached 5 s at most: an erasure made by another process (another api replica, the CLI)
 * is noticed here within seconds, as erasure promises, at the cost of one key lookup per case and
 * 5 s of use.
 */
const DEFAULT_CACHE: DataKeyCacheOptions = { maxKeys: 1_000, ttlMs: 5_000 };

/**
 * `PiiCipher` with AES-256-GCM: the plaintext is the JSON of the `pii` object, the nonce 12 fresh
 * random bytes per seal (never reused under a key: 2^32 seals per key keep the collision odds below
 * 2^-32), the additional authenticated data `${streamId}\0${eventType}`, so a sealed value opens only
 * where it was written. Data keys come from the key store through a small cache (see `DataKeyCache`).
 */
export class AesGcmPiiCipher implements PiiCipher {
  private readonly cache: DataKeyCache;

  constructor(
    private readonly keys: KeyStore,
    cache: Partial<DataKeyCacheOptions> = {},
  ) {
    this.cache = new DataKeyCache({ ...DEFAULT_CACHE, ...cache });
  }

  async seal(
    pii: object,
    keyId: string,
    attributes: DataKeyAttributes,
    context: SealContext,
  ): Promise<SealedPii> {
    const key = (await this.cache.get(keyId, () => this.keys.getOrCreate(keyId, attributes)))!;
    const iv = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(additionalData(context));
    const data = Buffer.concat([cipher.update(JSON.stringify(pii), 'utf8'), cipher.final()]);
    return {
      $sealed: 'aes-256-gcm/v1',
      key: keyId,
      iv: iv.toString('base64url'),
      data: data.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
    };
  }

  async open(value: unknown, context: SealContext): Promise<Record<string, unknown> | Erased> {
    if (!isSealed(value)) return value as Record<string, unknown>;
    const key = await this.cache.get(value.key, () => this.keys.get(value.key));
    if (key === null) return ERASED;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(value.iv, 'base64url'));
      decipher.setAAD(additionalData(context));
      decipher.setAuthTag(Buffer.from(value.tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(value.data, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new SealedPiiTamperedError(context);
    }
  }

  forget(keyIds: string[]): void {
    this.cache.forget(keyIds);
  }
}

/** A sealed value that does not authenticate: altered, or moved to another stream or event type. */
export class SealedPiiTamperedError extends Error {
  override readonly name = 'SealedPiiTamperedError';
  constructor(readonly context: SealContext) {
    super(
      `A sealed pii value in ${context.streamId} (${context.eventType}) does not open: it was altered or written elsewhere`,
    );
  }
}

function additionalData({ streamId, eventType }: SealContext): Buffer {
  return Buffer.from(`${streamId}\u0000${eventType}`, 'utf8');
}
