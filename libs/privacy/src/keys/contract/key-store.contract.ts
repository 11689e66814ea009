import { randomUUID } from 'node:crypto';
import { KeyDestroyedError, type AdministeredKeyStore, type MasterKey } from '../key-store.port';
import { MasterKeyMismatchError } from '../key-wrap';
import { generateMasterKeyText, parseMasterKey } from '../master-key';

/** Fresh, empty storage for one test; `open` may be called several times (processes sharing it). */
export interface KeyStorage {
  open(master: MasterKey): AdministeredKeyStore;
  drop(): Promise<void>;
}

const newMaster = () => parseMasterKey(generateMasterKeyText(), 'test');
const household = { districtId: 'd1', household: 'hh-pseudonym-1' };

/** The behaviour every key store adapter promises (see `KeyStore`), run against each of them. */
export function keyStoreContract(name: string, newStorage: () => Promise<KeyStorage>): void {
  describe(`${name} key store`, () => {
    let storage: KeyStorage;
    let opened: AdministeredKeyStore[];
    const master = newMaster();
    const open = (key: MasterKey = master) => {
      const store = storage.open(key);
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      storage = await newStorage();
      opened = [];
    });
    afterEach(async () => {
      for (const store of opened) await store.close();
      await storage.drop();
    });

    it('creates a 32-byte key once and answers the same key afterwards, from any connection', async () => {
      const store = open();
      expect(await store.get('case-1')).toBeNull();
      const key = await store.getOrCreate('case-1', household);
      expect(key).toHaveLength(32);
      expect(await store.getOrCreate('case-1', household)).toEqual(key);
      expect(await open().get('case-1')).toEqual(key);
      expect(await store.getOrCreate('case-2', household)).not.toEqual(key);
    });

    it('gives every concurrent caller the one key that was stored', async () => {
      const [a, b] = [open(), open()];
      const keyId = `case-${randomUUID()}`;
      const keys = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).getOrCreate(keyId, household)),
      );
      for (const key of keys) expect(key).toEqual(keys[0]);
      expect(await a.get(keyId)).toEqual(keys[0]);
    });

    it('forgets a destroyed key for good: get answers null, getOrCreate refuses to create it again', async () => {
      const store = open();
      await store.getOrCreate('case-1', household);
      await store.getOrCreate('case-2', household);
      expect(await store.destroy(['case-1', 'case-unknown'])).toBe(1);
      expect(await store.get('case-1')).toBeNull();
      await expect(store.getOrCreate('case-1', household)).rejects.toThrow(KeyDestroyedError);
      await expect(open().getOrCreate('case-1', household)).rejects.toThrow(
        'The data key case-1 was destroyed',
      );
      expect(await store.get('case-2')).toHaveLength(32);
      expect(await store.status()).toMatchObject({ live: 1, destroyed: 2 });
    });

    it('never leaves a key alive that was destroyed while another connection created it', async () => {
      const [a, b] = [open(), open()];
      const ids = Array.from({ length: 10 }, () => `case-${randomUUID()}`);
      await Promise.all(
        ids.flatMap((keyId) => [
          a.getOrCreate(keyId, household).catch((error: unknown) => error),
          b.destroy([keyId]),
        ]),
      );
      for (const keyId of ids) {
        expect(await a.get(keyId)).toBeNull();
        await expect(a.getOrCreate(keyId, household)).rejects.toThrow(KeyDestroyedError);
      }
      expect(await a.keysOf({ household: household.household })).toEqual([]);
    });

    it('finds live keys by household and by district', async () => {
      const store = open();
      await store.getOrCreate('case-1', household);
      await store.getOrCreate('student-1', household);
      await store.getOrCreate('case-2', { districtId: 'd1', household: 'hh-pseudonym-2' });
      await store.getOrCreate('case-3', { districtId: 'd2', household: null });
      expect(await store.keysOf({ household: 'hh-pseudonym-1' })).toEqual(['case-1', 'student-1']);
      expect(await store.keysOf({ districtId: 'd1' })).toEqual(['case-1', 'case-2', 'student-1']);
      expect(await store.keysOf({ districtId: 'd1', household: 'hh-pseudonym-2' })).toEqual(['case-2']);
      await store.destroy(['case-1']);
      expect(await store.keysOf({ household: 'hh-pseudonym-1' })).toEqual(['student-1']);
    });

    it('re-wraps every key on rotation: readable with the new master key, no longer with the old one', async () => {
      const store = open();
      const keys = [
        await store.getOrCreate('case-1', household),
        await store.getOrCreate('case-2', household),
      ];
      const next = newMaster();
      expect(await store.rotateMaster(next)).toEqual({ rewrapped: 2 });
      expect([await store.get('case-1'), await store.get('case-2')]).toEqual(keys);
      expect(await store.status()).toMatchObject({ masterId: next.id, live: 2, wrappedBy: { [next.id]: 2 } });
      expect(await open(next).get('case-2')).toEqual(keys[1]);
      await expect(open(master).get('case-1')).rejects.toThrow(MasterKeyMismatchError);
      expect(await open(master).rotateMaster(next)).toEqual({ rewrapped: 0 });
      await expect(open(master).getOrCreate('case-1', household)).rejects.toThrow(
        `wrapped by master key ${next.id}, but this process has master key ${master.id}`,
      );
    });

    it('rotates nothing when one key does not unwrap with the master key (all or nothing)', async () => {
      const store = open();
      const stale = newMaster();
      await store.getOrCreate('case-1', household);
      await open(stale).getOrCreate('case-9', household);
      await expect(store.rotateMaster(newMaster())).rejects.toThrow(MasterKeyMismatchError);
      expect(await open().status()).toMatchObject({ live: 2, wrappedBy: { [master.id]: 1, [stale.id]: 1 } });
      expect(await store.get('case-1')).toHaveLength(32);
    });
  });
}
