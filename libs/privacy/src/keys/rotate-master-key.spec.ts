import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyStore } from './create-key-store';
import { generateMasterKeyText, loadMasterKey, parseMasterKey } from './master-key';
import { rotateMasterKey } from './rotate-master-key';

const attributes = { districtId: 'd1', household: 'hh-1' };

describe('rotateMasterKey', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'leap-rotate-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const keyOf = async (env: Record<string, string>, keyId: string) => {
    const store = createKeyStore(env);
    try {
      return await store.get(keyId);
    } finally {
      await store.close();
    }
  };
  const createKey = async (env: Record<string, string>, keyId: string) => {
    const store = createKeyStore(env);
    try {
      return await store.getOrCreate(keyId, attributes);
    } finally {
      await store.close();
    }
  };

  describe('when embedded', () => {
    it('re-wraps every key with a new master key, which then replaces master-key (0600)', async () => {
      const env = { LEAP_DATA_DIR: dataDir };
      const key = await createKey(env, 'case-1');
      const before = loadMasterKey(env);

      const rotation = await rotateMasterKey(env);

      expect(rotation).toMatchObject({
        from: before.id,
        rewrapped: 1,
        replacedFile: join(dataDir, 'master-key'),
      });
      expect(rotation.to).not.toBe(before.id);
      expect(loadMasterKey(env).id).toBe(rotation.to);
      expect(statSync(join(dataDir, 'master-key')).mode & 0o777).toBe(0o600);
      expect(existsSync(join(dataDir, 'master-key.next'))).toBe(false);
      expect(await keyOf(env, 'case-1')).toEqual(key);
    });

    it('finishes a rotation interrupted after the re-wrap, from master-key.next', async () => {
      const env = { LEAP_DATA_DIR: dataDir };
      const key = await createKey(env, 'case-1');
      const nextText = generateMasterKeyText();
      writeFileSync(join(dataDir, 'master-key.next'), nextText, { mode: 0o600 });
      const store = createKeyStore(env);
      await store.rotateMaster(parseMasterKey(nextText, 'test'));
      await store.close();
      await expect(keyOf(env, 'case-1')).rejects.toThrow('run it again to finish');

      expect(await rotateMasterKey(env)).toMatchObject({
        rewrapped: 0,
        to: parseMasterKey(nextText, 'test').id,
      });
      expect(readFileSync(join(dataDir, 'master-key'), 'utf8')).toBe(nextText);
      expect(await keyOf(env, 'case-1')).toEqual(key);
    });
  });

  describe('when LEAP_MASTER_KEY is set', () => {
    it('needs the new key, re-wraps with it and leaves switching the variable to the operator', async () => {
      const env = { LEAP_DATA_DIR: dataDir, LEAP_MASTER_KEY: generateMasterKeyText() };
      const key = await createKey(env, 'case-1');
      await expect(rotateMasterKey(env)).rejects.toThrow('--new-key-file <path> or LEAP_NEW_MASTER_KEY');
      await expect(rotateMasterKey(env, env.LEAP_MASTER_KEY)).rejects.toThrow('is the current one');

      const nextText = generateMasterKeyText();
      expect(await rotateMasterKey(env, nextText)).toMatchObject({ rewrapped: 1, replacedFile: null });
      expect(existsSync(join(dataDir, 'master-key'))).toBe(false);
      expect(await keyOf({ ...env, LEAP_MASTER_KEY: nextText }, 'case-1')).toEqual(key);
    });
  });
});
