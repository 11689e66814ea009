import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateFile } from '@leap/event-store';
import { keyStoreContract } from './key-store.contract';
import { SqliteKeyStore } from './sqlite-key-store';

keyStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'leap-keys-'));
  return {
    open: (master) => new SqliteKeyStore(privateFile(dir, 'keys.sqlite'), master),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
