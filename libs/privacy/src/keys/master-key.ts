import { createHash, randomBytes } from 'node:crypto';
import { dataDirOf, privateSecret } from '@leap/event-store';
import type { MasterKey } from './key-store.port';

export interface MasterKeyEnv {
  /** Base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`). */
  LEAP_MASTER_KEY?: string;
  LEAP_DATA_DIR?: string;
  EVENTSTORE_CONNECTION_STRING?: string;
  LEAP_KEYSTORE_URL?: string;
}

/** The embedded master key's file in the data dir (mode 0600). */
export const MASTER_KEY_FILE = 'master-key';

const KEY_BYTES = 32;
/** Base64 or base64url of 32 bytes: 43 characters and an optional `=`. */
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * The install's master key, which wraps every data key. `LEAP_MASTER_KEY` when set; otherwise, in
 * embedded mode only, a key generated into the data dir (`master-key`, mode 0600), beside the key
 * store it protects. With EventStoreDB or a shared key store (`LEAP_KEYSTORE_URL`) every process must
 * unwrap the same keys, and each has a data dir of its own, so the key is required there.
 * Errors name the variable or file, never the value.
 */
export function loadMasterKey(env: MasterKeyEnv): MasterKey {
  const configured = env.LEAP_MASTER_KEY;
  if (configured !== undefined && configured !== '') return parseMasterKey(configured, 'LEAP_MASTER_KEY');
  const shared = env.EVENTSTORE_CONNECTION_STRING
    ? 'EVENTSTORE_CONNECTION_STRING'
    : env.LEAP_KEYSTORE_URL
      ? 'LEAP_KEYSTORE_URL'
      : null;
  if (shared)
    throw new Error(
      `LEAP_MASTER_KEY is required with ${shared}: every api and worker process must unwrap the same data keys`,
    );
  const text = privateSecret(dataDirOf(env), MASTER_KEY_FILE, generateMasterKeyText);
  return parseMasterKey(text, `${dataDirOf(env)}/${MASTER_KEY_FILE}`);
}

/** A master key read from `source` (a variable or file name, which errors name instead of the value). */
export function parseMasterKey(text: string, source: string): MasterKey {
  const trimmed = text.trim();
  const key = BASE64_KEY.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
  if (key === null || key.length !== KEY_BYTES)
    throw new Error(
      `${source} must be the base64 of exactly ${KEY_BYTES} bytes (e.g. \`openssl rand -base64 32\`); the value is not shown`,
    );
  return masterKeyOf(new Uint8Array(key));
}

/** A master key and its id: a short hash of the key that names it in the key store and in status output. */
export function masterKeyOf(key: Uint8Array): MasterKey {
  const id = createHash('sha256').update('leap-master-key-id\u0000').update(key).digest('hex').slice(0, 16);
  return { id, key };
}

/** A new random master key, as the base64 text `LEAP_MASTER_KEY` and the `master-key` file hold. */
export function generateMasterKeyText(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}
