/**
 * A bounded, expiring cache of data keys, so sealing and opening do not ask the key store for every
 * value. Least recently used keys leave first; a key leaves after `ttlMs` whatever its use, which
 * bounds how long another process's erasure can go unnoticed here. `forget` drops keys at once,
 * and a lookup in flight meanwhile does not cache what it read.
 */
export interface DataKeyCacheOptions {
  maxKeys: number;
  ttlMs: number;
  now?: () => number;
}

interface Entry {
  key: Uint8Array;
  expiresAt: number;
}

export class DataKeyCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: DataKeyCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached key, or the one `load` answers (cached unless `forget` ran while it loaded). */
  async get(keyId: string, load: () => Promise<Uint8Array | null>): Promise<Uint8Array | null> {
    const entry = this.entries.get(keyId);
    if (entry && entry.expiresAt > this.now()) {
      this.entries.delete(keyId);
      this.entries.set(keyId, entry);
      return entry.key;
    }
    if (entry) this.drop(keyId);
    const generation = this.generation;
    const key = await load();
    if (key && generation === this.generation && this.options.maxKeys > 0) {
      this.entries.set(keyId, { key, expiresAt: this.now() + this.options.ttlMs });
      while (this.entries.size > this.options.maxKeys) this.drop(this.entries.keys().next().value!);
    }
    return key;
  }

  forget(keyIds: string[]): void {
    this.generation++;
    for (const keyId of keyIds) this.drop(keyId);
  }

  /** Dropped, not zeroed: a seal or open in progress may still hold the bytes it was given. */
  private drop(keyId: string): void {
    this.entries.delete(keyId);
  }
}
