import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMasterKeyText, loadMasterKey, parseMasterKey } from './master-key';

describe('loadMasterKey', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'leap-master-key-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  describe('when LEAP_MASTER_KEY is set', () => {
    it('uses the 32 bytes it encodes, named by an id that is not the key', () => {
      const text = generateMasterKeyText();
      const master = loadMasterKey({ LEAP_MASTER_KEY: text, LEAP_DATA_DIR: dataDir });
      expect(Buffer.from(master.key).toString('base64')).toBe(text);
      expect(master.id).toMatch(/^[0-9a-f]{16}$/);
      expect(text).not.toContain(master.id);
      expect(loadMasterKey({ LEAP_MASTER_KEY: text }).id).toBe(master.id);
    });

    it.each([
      ['too short', Buffer.alloc(16, 7).toString('base64')],
      ['too long', Buffer.alloc(48, 7).toString('base64')],
      ['not base64', `${'!'.repeat(43)}=`],
      ['text', 'correct horse battery staple correct horse battery'],
    ])('refuses a value that is %s, without printing it', (_, value) => {
      let message = '';
      try {
        loadMasterKey({ LEAP_MASTER_KEY: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^LEAP_MASTER_KEY must be the base64 of exactly 32 bytes/);
      expect(message).not.toContain(value);
    });
  });

  describe('when it is not set', () => {
    it('generates one into the data dir, mode 0600, and reads the same one back', () => {
      const first = loadMasterKey({ LEAP_DATA_DIR: dataDir });
      const file = join(dataDir, 'master-key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(parseMasterKey(readFileSync(file, 'utf8'), 'file').id).toBe(first.id);
      expect(loadMasterKey({ LEAP_DATA_DIR: dataDir })).toEqual(first);
    });

    it.each(['EVENTSTORE_CONNECTION_STRING', 'LEAP_KEYSTORE_URL'])(
      'is required with %s, where processes share the data keys',
      (variable) => {
        expect(() => loadMasterKey({ LEAP_DATA_DIR: dataDir, [variable]: 'x://host' })).toThrow(
          `LEAP_MASTER_KEY is required with ${variable}`,
        );
      },
    );
  });
});
