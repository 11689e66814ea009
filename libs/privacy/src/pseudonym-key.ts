import { randomBytes } from 'node:crypto';
import { dataDirOf, privateSecret } from '@leap/event-store';

export interface PseudonymKeyEnv {
  /** At least 32 bytes, as text (e.g. `openssl rand -base64 48`). */
  LEAP_PSEUDONYM_KEY?: string;
  LEAP_DATA_DIR?: string;
  EVENTSTORE_CONNECTION_STRING?: string;
}

/**
 * The install's pseudonym key, kept outside the event store. `LEAP_PSEUDONYM_KEY` when set;
 * otherwise, in embedded mode only, a key generated into the data dir (`pseudonym-key`, mode 0600).
 * With EventStoreDB every api and worker process must name students alike, and each has a data dir
 * of its own, so the key is required there.
 */
export function loadPseudonymKey(env: PseudonymKeyEnv): Uint8Array {
  const configured = env.LEAP_PSEUDONYM_KEY;
  if (configured !== undefined && configured !== '') {
    const key = new TextEncoder().encode(configured);
    if (key.length < 32) throw new Error('LEAP_PSEUDONYM_KEY must be at least 32 bytes');
    return key;
  }
  if (env.EVENTSTORE_CONNECTION_STRING) {
    throw new Error(
      'LEAP_PSEUDONYM_KEY is required with EVENTSTORE_CONNECTION_STRING: every api and worker process must share it',
    );
  }
  const generated = privateSecret(dataDirOf(env), 'pseudonym-key', () =>
    randomBytes(48).toString('base64url'),
  );
  return new TextEncoder().encode(generated);
}
