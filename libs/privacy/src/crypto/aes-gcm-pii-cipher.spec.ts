import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateFile } from '@leap/event-store';
import { KeyDestroyedError } from '../keys/key-store.port';
import { generateMasterKeyText, parseMasterKey } from '../keys/master-key';
import { SqliteKeyStore } from '../keys/sqlite-key-store';
import { AesGcmPiiCipher, SealedPiiTamperedError } from './aes-gcm-pii-cipher';
import { ERASED, isSealed, type SealedPii } from './sealed-pii';

const attributes = { districtId: 'd1', household: 'hh-1' };
const here = { streamId: 'case-1', eventType: 'StudentIdentified.v2' };
const pii = { firstName: 'Ana', lastName: 'Lima', phone: '+1 860 555 0100' };

describe('AesGcmPiiCipher', () => {
  let dir: string;
  let store: SqliteKeyStore;
  let cipher: AesGcmPiiCipher;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-cipher-'));
    store = new SqliteKeyStore(
      privateFile(dir, 'keys.sqlite'),
      parseMasterKey(generateMasterKeyText(), 'test'),
    );
    cipher = new AesGcmPiiCipher(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens what it sealed, and the sealed form holds none of the plaintext', async () => {
    const sealed = await cipher.seal(pii, 'case-1', attributes, here);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.key).toBe('case-1');
    expect(JSON.stringify(sealed)).not.toMatch(/Ana|Lima|555/);
    for (const field of [sealed.iv, sealed.data, sealed.tag]) expect(field).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await cipher.open(sealed, here)).toEqual(pii);
    expect(await new AesGcmPiiCipher(store).open(sealed, here)).toEqual(pii);
  });

  it('uses a fresh nonce for every seal of the same value', async () => {
    const seals = await Promise.all([1, 2, 3].map(() => cipher.seal(pii, 'case-1', attributes, here)));
    expect(new Set(seals.map((s) => s.iv)).size).toBe(3);
    expect(new Set(seals.map((s) => s.data)).size).toBe(3);
  });

  it.each([
    ['another stream', { ...here, streamId: 'case-2' }],
    ['another event type', { ...here, eventType: 'VisitHeld.v2' }],
  ])('refuses to open a sealed value moved to %s', async (_, elsewhere) => {
    const sealed = await cipher.seal(pii, 'case-1', attributes, here);
    await expect(cipher.open(sealed, elsewhere)).rejects.toThrow(SealedPiiTamperedError);
  });

  it.each(['data', 'tag', 'iv'] as const)(
    'refuses to open a sealed value whose %s was altered',
    async (field) => {
      const sealed = await cipher.seal(pii, 'case-1', attributes, here);
      const bytes = Buffer.from(sealed[field], 'base64url');
      bytes[0]! ^= 1;
      const altered: SealedPii = { ...sealed, [field]: bytes.toString('base64url') };
      await expect(cipher.open(altered, here)).rejects.toThrow(
        'does not open: it was altered or written elsewhere',
      );
    },
  );

  it('reads a value whose key was destroyed as erased once the key is forgotten, and seals nothing more', async () => {
    const sealed = await cipher.seal(pii, 'case-1', attributes, here);
    await store.destroy(['case-1']);
    expect(await cipher.open(sealed, here)).toEqual(pii); // still cached in this process
    cipher.forget(['case-1']);
    expect(await cipher.open(sealed, here)).toEqual(ERASED);
    expect(await new AesGcmPiiCipher(store).open(sealed, here)).toEqual({ erased: true });
    await expect(cipher.seal(pii, 'case-1', attributes, here)).rejects.toThrow(KeyDestroyedError);
  });

  it('answers a value that is not sealed (written before encryption) as it is', async () => {
    expect(await cipher.open(pii, here)).toBe(pii);
  });

  it('asks the key store again once a cached key expired', async () => {
    let now = 0;
    const expiring = new AesGcmPiiCipher(store, { ttlMs: 1_000, now: () => now });
    const sealed = await expiring.seal(pii, 'case-1', attributes, here);
    await store.destroy(['case-1']);
    now = 999;
    expect(await expiring.open(sealed, here)).toEqual(pii);
    now = 1_000;
    expect(await expiring.open(sealed, here)).toEqual(ERASED);
  });

  it('keeps at most maxKeys keys, dropping the least recently used', async () => {
    const small = new AesGcmPiiCipher(store, { maxKeys: 2 });
    const contexts = ['case-1', 'case-2', 'case-3'].map((streamId) => ({ ...here, streamId }));
    const [one, two] = [
      await small.seal(pii, 'case-1', attributes, contexts[0]!),
      await small.seal(pii, 'case-2', attributes, contexts[1]!),
    ];
    await small.open(one, contexts[0]!); // case-1 becomes the most recently used
    await small.seal(pii, 'case-3', attributes, contexts[2]!); // so case-2 leaves
    await store.destroy(['case-1', 'case-2']);
    expect(await small.open(one, contexts[0]!)).toEqual(pii);
    expect(await small.open(two, contexts[1]!)).toEqual(ERASED);
  });
});
