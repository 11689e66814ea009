import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AesGcmPiiCipher } from '../crypto/aes-gcm-pii-cipher';
import { masterKeyOf } from '../keys/master-key';
import { SqliteKeyStore } from '../keys/sqlite-key-store';

/** The real cipher over an embedded key store in `dir` (`keys.sqlite`), under a random master key. */
export function openTestCipher(dir: string) {
  const keys = new SqliteKeyStore(join(dir, 'keys.sqlite'), masterKeyOf(randomBytes(32)));
  return { keys, cipher: new AesGcmPiiCipher(keys), close: () => keys.close() };
}
