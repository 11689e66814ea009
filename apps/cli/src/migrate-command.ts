import { chmodSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEventStore, type EventStoreEnv } from '../../../libs/event-store/src/create-event-store';
import { dataDirOf, ensurePrivateDir } from '../../../libs/event-store/src/data-dir';
import { AesGcmPiiCipher } from '../../../libs/privacy/src/crypto/aes-gcm-pii-cipher';
import type { PiiCipher } from '../../../libs/privacy/src/crypto/pii-cipher';
import { createKeyStore, type KeyStoreEnv } from '../../../libs/privacy/src/keys/create-key-store';
import { loadPseudonymKey } from '../../../libs/privacy/src/pseudonym-key';
import { createPseudonymizer } from '../../../libs/privacy/src/pseudonyms';
import { protectEventStore } from '../../../libs/privacy/src/stored-events/protect-event-store';
import { copyWithSealedPii, MigrationRefusedError } from './encrypt-pii-copy';
import { progressBar } from './progress-bar';

type Env = EventStoreEnv & KeyStoreEnv & { LEAP_PSEUDONYM_KEY?: string };

/** The secrets of an embedded install the target must share: pseudonyms and tokens stay valid. */
const SHARED_SECRETS = ['pseudonym-key', 'jwt-secret'];

/**
 * `migrate encrypt-pii --to <dir | esdb://…>`: copies the configured store into a new one with every
 * event at its current version and every `pii` sealed under the target's key store (embedded:
 * `<to>/keys.sqlite`, master key `<to>/master-key` unless LEAP_MASTER_KEY; EventStoreDB:
 * LEAP_KEYSTORE_URL). Read models are not copied: they rebuild when the API first starts on it.
 */
export async function encryptPiiCommand(env: Env, to: string): Promise<void> {
  const toEsdb = /^esdb(\+discover)?:\/\//.test(to);
  const targetEnv: Env = toEsdb
    ? {
        EVENTSTORE_CONNECTION_STRING: to,
        LEAP_KEYSTORE_URL: env.LEAP_KEYSTORE_URL,
        LEAP_MASTER_KEY: env.LEAP_MASTER_KEY,
        LEAP_PSEUDONYM_KEY: env.LEAP_PSEUDONYM_KEY,
      }
    : { LEAP_DATA_DIR: to, LEAP_MASTER_KEY: env.LEAP_MASTER_KEY, LEAP_PSEUDONYM_KEY: env.LEAP_PSEUDONYM_KEY };
  if (toEsdb && !env.LEAP_KEYSTORE_URL)
    throw new MigrationRefusedError(
      'LEAP_KEYSTORE_URL is required for an EventStoreDB target: its data keys go there',
    );
  if (toEsdb && env.EVENTSTORE_CONNECTION_STRING === to)
    throw new MigrationRefusedError('--to names the store being copied: name a new, empty one');
  if (!toEsdb && !env.EVENTSTORE_CONNECTION_STRING && resolve(dataDirOf(env)) === resolve(to))
    throw new MigrationRefusedError('--to names the data dir being copied: name a new, empty one');
  if (!toEsdb && !env.EVENTSTORE_CONNECTION_STRING) shareSecrets(dataDirOf(env), to, env);

  const pseudonymize = createPseudonymizer(loadPseudonymKey(targetEnv));
  const source = createEventStore(env);
  const targetKeys = createKeyStore(targetEnv);
  const target = protectEventStore(createEventStore(targetEnv), {
    pseudonymize,
    cipher: new AesGcmPiiCipher(targetKeys),
  });
  let sourceKeys: ReturnType<typeof createKeyStore> | undefined;
  let sourceCipher: PiiCipher | undefined;
  const bar = progressBar();
  const started = performance.now();
  const progress = (done: number, total: number) => ({
    projection: 'encrypt-pii',
    done,
    total,
    elapsedMs: performance.now() - started,
  });
  try {
    const result = await copyWithSealedPii({
      source,
      target,
      targetKeys,
      pseudonymize,
      sourceCipher: () => {
        sourceKeys ??= sourceKeyStore(env, toEsdb);
        return (sourceCipher ??= new AesGcmPiiCipher(sourceKeys));
      },
      onProgress: (done, total) => bar.update(progress(done, total)),
    });
    bar.done(progress(result.total, result.total));
    process.stdout.write(
      `Copied ${result.copied} events (${result.total} in all) into ${toEsdb ? 'the EventStoreDB target' : to}, ` +
        'personal data sealed. Stop every writer of the old store before switching over; read models ' +
        'rebuild when the API first starts on the new store.\n',
    );
  } finally {
    await Promise.allSettled([source.close(), target.close(), targetKeys.close(), sourceKeys?.close()]);
  }
}

/**
 * The key store that opens what the source already holds sealed. With an EventStoreDB target,
 * LEAP_KEYSTORE_URL and LEAP_MASTER_KEY name the target's: an embedded source keeps its own
 * `keys.sqlite`, under its `master-key` file when it has one.
 */
function sourceKeyStore(env: Env, toEsdb: boolean) {
  if (!toEsdb || env.EVENTSTORE_CONNECTION_STRING) return createKeyStore(env);
  const dir = dataDirOf(env);
  const ownMaster = existsSync(join(dir, 'master-key'));
  return createKeyStore({ LEAP_DATA_DIR: dir, LEAP_MASTER_KEY: ownMaster ? undefined : env.LEAP_MASTER_KEY });
}

/**
 * Copies the source data dir's pseudonym key and token secret into the target dir (0600), so
 * pseudonyms and issued tokens stay the same. A target holding different ones is refused.
 */
function shareSecrets(sourceDir: string, targetDir: string, env: Env): void {
  const sourceKey = join(sourceDir, 'pseudonym-key');
  if (
    env.LEAP_PSEUDONYM_KEY &&
    existsSync(sourceKey) &&
    readFileSync(sourceKey, 'utf8').trim() !== env.LEAP_PSEUDONYM_KEY
  )
    throw new MigrationRefusedError(
      `LEAP_PSEUDONYM_KEY differs from the source's ${sourceKey}: the copy must keep the source's pseudonyms`,
    );
  ensurePrivateDir(targetDir);
  for (const name of SHARED_SECRETS) {
    const from = join(sourceDir, name);
    const into = join(targetDir, name);
    if (!existsSync(from)) continue;
    if (existsSync(into)) {
      if (readFileSync(into, 'utf8').trim() !== readFileSync(from, 'utf8').trim())
        throw new MigrationRefusedError(`${into} differs from the source's: name a new, empty data dir`);
      continue;
    }
    copyFileSync(from, into);
    chmodSync(into, 0o600); // the copy keeps the source's mode, which an earlier version may have left wider
  }
}
