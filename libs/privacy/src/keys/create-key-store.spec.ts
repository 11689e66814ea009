import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyStore } from './create-key-store';
import { generateMasterKeyText } from './master-key';

describe('createKeyStore', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'leap-create-keys-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('opens keys.sqlite in the data dir with a generated master key, both owner-only, when nothing is configured', async () => {
    const store = createKeyStore({ LEAP_DATA_DIR: dataDir });
    try {
      await store.getOrCreate('case-1', { districtId: 'd1', household: null });
      expect(store.kind).toBe('sqlite');
      for (const file of ['keys.sqlite', 'master-key'])
        expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it('uses PostgreSQL for a postgres:// LEAP_KEYSTORE_URL, starting even when it does not answer yet', async () => {
    const store = createKeyStore({
      LEAP_DATA_DIR: dataDir,
      LEAP_KEYSTORE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
      LEAP_MASTER_KEY: generateMasterKeyText(),
    });
    try {
      expect(store.kind).toBe('postgres');
      await expect(store.ping()).rejects.toThrow();
      expect(existsSync(join(dataDir, 'keys.sqlite'))).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('refuses a LEAP_KEYSTORE_URL that is not PostgreSQL, without printing it', () => {
    const url = 'mysql://keys:s3cret@db/keys';
    expect(() =>
      createKeyStore({ LEAP_KEYSTORE_URL: url, LEAP_MASTER_KEY: generateMasterKeyText() }),
    ).toThrow(/^LEAP_KEYSTORE_URL must be a PostgreSQL URL/);
    try {
      createKeyStore({ LEAP_KEYSTORE_URL: url, LEAP_MASTER_KEY: generateMasterKeyText() });
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
    }
  });

  it('refuses to start on EventStoreDB without LEAP_KEYSTORE_URL, naming the variable but not the connection string', () => {
    const env = {
      LEAP_DATA_DIR: dataDir,
      EVENTSTORE_CONNECTION_STRING: 'esdb://admin:s3cret@eventstore:2113?tls=false',
      LEAP_MASTER_KEY: generateMasterKeyText(),
    };
    let message = '';
    try {
      createKeyStore(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^LEAP_KEYSTORE_URL is required with EVENTSTORE_CONNECTION_STRING/);
    expect(message).not.toContain('s3cret');
    expect(existsSync(join(dataDir, 'keys.sqlite'))).toBe(false);
  });

  it('shares the PostgreSQL key store on EventStoreDB when LEAP_KEYSTORE_URL is set', async () => {
    const store = createKeyStore({
      LEAP_DATA_DIR: dataDir,
      EVENTSTORE_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false',
      LEAP_KEYSTORE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
      LEAP_MASTER_KEY: generateMasterKeyText(),
    });
    try {
      expect(store.kind).toBe('postgres');
    } finally {
      await store.close();
    }
  });
});
