import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { SqliteEventStore } from '@leap/event-store';
import { createKeyStore, generateMasterKeyText, type KeyStore } from '@leap/privacy';
import { checkReadiness } from './readiness';

describe('checkReadiness', () => {
  let dir: string;
  let store: SqliteEventStore;
  let redis: Redis;
  let keys: KeyStore[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-ready-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { lazyConnect: true });
    keys = [];
  });
  afterEach(async () => {
    for (const key of keys) await key.close();
    redis.disconnect();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const keyStore = (env: Record<string, string>) => {
    const opened = createKeyStore({ LEAP_DATA_DIR: dir, LEAP_MASTER_KEY: generateMasterKeyText(), ...env });
    keys.push(opened);
    return opened;
  };

  it('is ready when the event store, Redis and the key store answer', async () => {
    expect(await checkReadiness(store, redis, keyStore({}))).toEqual({
      ready: true,
      body: { status: 'ready', checks: { eventStore: 'up', redis: 'up', keyStore: 'up' } },
    });
  });

  it('is not ready, and says so, when the key store does not answer', async () => {
    const unreachable = keyStore({ LEAP_KEYSTORE_URL: 'postgres://postgres@127.0.0.1:1/leap_keys' });
    expect(await checkReadiness(store, redis, unreachable)).toEqual({
      ready: false,
      body: { status: 'not_ready', checks: { eventStore: 'up', redis: 'up', keyStore: 'down' } },
    });
  });
});
