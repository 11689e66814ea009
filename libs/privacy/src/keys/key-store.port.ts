/**
 * The key store: data keys, each wrapped by the master key, kept **outside the event store**, so
 * that destroying a key makes every `pii` object sealed with it unreadable (crypto-shredding) while
 * the append-only history stays intact. Adapters: a separate SQLite file (embedded) and PostgreSQL
 * (`LEAP_KEYSTORE_URL=postgres://…`); one contract suite runs against both.
 *
 * A data key belongs to one stream whose events carry personal data: a case (`case-<caseId>`), a
 * rostered student. Its attributes say what erasure finds it by: the district, and the household
 * (as its pseudonym) whose erasure destroys it.
 */
export interface DataKeyAttributes {
  districtId: string | null;
  /** The household's pseudonym, when the stream belongs to one. */
  household: string | null;
}

/** The key that wraps every data key. `id` names it, so a store knows which master wrapped each key. */
export interface MasterKey {
  id: string;
  /** 32 bytes. */
  key: Uint8Array;
}

export interface KeyStore {
  /** `sqlite` or `postgres`, reported by health checks. */
  readonly kind: string;

  /**
   * The data key (32 bytes) of `keyId`, created (random, wrapped, stored) when absent. Safe under
   * concurrency: two callers creating the same key at once both get the one that was stored. A key
   * that was destroyed is never created again (erasure is final): that call throws `KeyDestroyedError`.
   */
  getOrCreate(keyId: string, attributes: DataKeyAttributes): Promise<Uint8Array>;

  /** The data key, or null when it never existed or was destroyed. */
  get(keyId: string): Promise<Uint8Array | null>;

  /** Ids of the live keys with these attributes (a household's keys, a district's keys). */
  keysOf(query: Partial<DataKeyAttributes>): Promise<string[]>;

  /**
   * Destroys keys (unknown ids are ignored) and answers how many were destroyed. Once it returns, no
   * copy of them remains in the store's files (embedded: `secure_delete` and a truncated WAL), and
   * the ids are remembered as destroyed.
   */
  destroy(keyIds: string[]): Promise<number>;

  /**
   * Re-wraps every data key with `next`, in one transaction (all or nothing), then wraps new keys with
   * it; events are untouched. Keys `next` already wraps are left alone (an interrupted rotation is
   * finished by running it again). Answers how many keys were re-wrapped.
   */
  rotateMaster(next: MasterKey): Promise<{ rewrapped: number }>;

  ping(): Promise<void>;
  close(): Promise<void>;
}

// Importers meet it too (a roster row of an erased student): it lives in the domain.
export { KeyDestroyedError } from '@leap/domain';

/** What an operator sees of a key store (`npm run leap -- keys status`): counts and ids, never key material. */
export interface KeyStoreStatus {
  kind: string;
  /** The id of the master key this store wraps new keys with. */
  masterId: string;
  live: number;
  destroyed: number;
  /** Live keys per id of the master key that wrapped them (one entry, `masterId`, after a rotation). */
  wrappedBy: Record<string, number>;
}

/** The adapters' side for operators; the application codes against `KeyStore` alone. */
export interface AdministeredKeyStore extends KeyStore {
  status(): Promise<KeyStoreStatus>;
}

export const KEY_STORE = Symbol('KEY_STORE');
