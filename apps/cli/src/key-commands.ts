import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirOf } from '../../../libs/event-store/src/data-dir';
import { createKeyStore, type KeyStoreEnv } from '../../../libs/privacy/src/keys/create-key-store';
import { PENDING_MASTER_KEY_FILE, rotateMasterKey } from '../../../libs/privacy/src/keys/rotate-master-key';

/** The key store's kind, counts and master key id as JSON: never key material. */
export async function keysStatusCommand(env: KeyStoreEnv): Promise<void> {
  const store = createKeyStore(env);
  try {
    const status = await store.status();
    const embeddedKey = !env.LEAP_MASTER_KEY;
    const pending = embeddedKey && existsSync(join(dataDirOf(env), PENDING_MASTER_KEY_FILE));
    process.stdout.write(
      `${JSON.stringify(
        {
          store: status.kind,
          masterKeyId: status.masterId,
          masterKeyFrom: embeddedKey ? join(dataDirOf(env), 'master-key') : 'LEAP_MASTER_KEY',
          liveKeys: status.live,
          destroyedKeys: status.destroyed,
          wrappedBy: status.wrappedBy,
          ...(pending ? { interruptedRotation: 'run `npm run leap -- keys rotate` again to finish it' } : {}),
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await store.close();
  }
}

/**
 * Re-wraps every data key with a new master key. With LEAP_MASTER_KEY the new key comes from
 * `--new-key-file` or LEAP_NEW_MASTER_KEY and the operator switches the variable afterwards;
 * embedded, a generated key replaces `master-key`.
 */
export async function keysRotateCommand(
  env: KeyStoreEnv & { LEAP_NEW_MASTER_KEY?: string },
  newKeyFile?: string,
) {
  const nextKeyText =
    newKeyFile !== undefined ? readFileSync(newKeyFile, 'utf8') : env.LEAP_NEW_MASTER_KEY || undefined;
  const rotation = await rotateMasterKey(env, nextKeyText);
  process.stdout.write(
    `Re-wrapped ${rotation.rewrapped} data keys: master key ${rotation.from} -> ${rotation.to}.\n` +
      (rotation.replacedFile
        ? `${rotation.replacedFile} now holds the new master key. Restart every process on this data dir.\n`
        : 'Now set LEAP_MASTER_KEY to the new master key on every api and worker process and restart them: ' +
          'until then they cannot unwrap data keys.\n'),
  );
}
