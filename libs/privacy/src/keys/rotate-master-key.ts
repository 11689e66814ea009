import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirOf, ensurePrivateDir } from '@leap/event-store';
import { createKeyStore, type KeyStoreEnv } from './create-key-store';
import { generateMasterKeyText, loadMasterKey, MASTER_KEY_FILE, parseMasterKey } from './master-key';

/** The next embedded master key, kept beside `master-key` while a rotation is under way. */
export const PENDING_MASTER_KEY_FILE = 'master-key.next';

export interface MasterKeyRotation {
  from: string;
  to: string;
  rewrapped: number;
  /** Embedded: the `master-key` file now holds the new key. Else the operator must switch LEAP_MASTER_KEY. */
  replacedFile: string | null;
}

/**
 * Re-wraps every data key with a new master key. Events are untouched.
 *
 * With `LEAP_MASTER_KEY`, `nextKeyText` is required (the operator brings the new key, then switches
 * the variable on every process). Embedded, the new key (generated unless given) is first written to
 * `master-key.next` (0600, synced), the keys are re-wrapped in one transaction, then `master-key.next`
 * replaces `master-key` atomically (a rename). A crash at any point leaves either the old key with
 * the old wrapping, or a pending file that running the rotation again uses to finish.
 * Processes running meanwhile keep the old key in memory: restart them afterwards.
 */
export async function rotateMasterKey(env: KeyStoreEnv, nextKeyText?: string): Promise<MasterKeyRotation> {
  const current = loadMasterKey(env);
  const embedded = !env.LEAP_MASTER_KEY;
  let next;
  let pending: string | null = null;
  if (embedded) {
    pending = join(ensurePrivateDir(dataDirOf(env)), PENDING_MASTER_KEY_FILE);
    const given = nextKeyText === undefined ? undefined : parseMasterKey(nextKeyText, 'The new master key');
    if (!existsSync(pending)) writeSynced(pending, nextKeyText?.trim() ?? generateMasterKeyText());
    next = parseMasterKey(readFileSync(pending, 'utf8'), pending);
    if (given && given.id !== next.id)
      throw new Error(
        `A rotation to master key ${next.id} was interrupted: run \`keys rotate\` without a new key to finish it first`,
      );
  } else {
    if (nextKeyText === undefined)
      throw new Error(
        'With LEAP_MASTER_KEY set, give the new master key: --new-key-file <path> or LEAP_NEW_MASTER_KEY',
      );
    next = parseMasterKey(nextKeyText, 'The new master key');
  }
  if (next.id === current.id) throw new Error(`The new master key is the current one (${current.id})`);

  const store = createKeyStore(env, current);
  let rewrapped: number;
  try {
    ({ rewrapped } = await store.rotateMaster(next));
  } finally {
    await store.close();
  }
  if (pending === null) return { from: current.id, to: next.id, rewrapped, replacedFile: null };
  const file = join(dataDirOf(env), MASTER_KEY_FILE);
  renameSync(pending, file);
  syncDir(dataDirOf(env));
  return { from: current.id, to: next.id, rewrapped, replacedFile: file };
}

function writeSynced(file: string, text: string): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
