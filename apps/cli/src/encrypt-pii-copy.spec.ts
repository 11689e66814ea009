import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../libs/event-store/src/sqlite/sqlite-event-store';
import { AesGcmPiiCipher } from '../../../libs/privacy/src/crypto/aes-gcm-pii-cipher';
import { ERASED } from '../../../libs/privacy/src/crypto/sealed-pii';
import { KeyDestroyedError } from '../../../libs/privacy/src/keys/key-store.port';
import { loadMasterKey } from '../../../libs/privacy/src/keys/master-key';
import { SqliteKeyStore } from '../../../libs/privacy/src/keys/sqlite-key-store';
import { createPseudonymizer } from '../../../libs/privacy/src/pseudonyms';
import { protectEventStore } from '../../../libs/privacy/src/stored-events/protect-event-store';
import { copyWithSealedPii } from './encrypt-pii-copy';

/** Real SQLite stores and key stores on both sides: a source that already seals, one family erased. */
describe('copying a store whose personal data is already sealed under its own keys', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'leap-copy-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const side = (name: string) => {
    const keys = new SqliteKeyStore(
      join(dir, `${name}-keys.sqlite`),
      loadMasterKey({ LEAP_DATA_DIR: join(dir, name) }),
    );
    const cipher = new AesGcmPiiCipher(keys);
    const raw = new SqliteEventStore(join(dir, `${name}-events.sqlite`));
    const pseudonymize = createPseudonymizer(new TextEncoder().encode('k'.repeat(32)));
    return { keys, cipher, raw, store: protectEventStore(raw, { pseudonymize, cipher }), pseudonymize };
  };
  const call = (notes: string) => ({
    id: randomUUID(),
    type: 'FollowUpCallMade.v1',
    data: { callId: randomUUID(), calledOn: '2026-11-02', outcome: 'reached', pii: { notes } },
    metadata: { districtId: 'd1' },
  });

  it('re-seals what the source opens under the target keys, and keeps an erased family erased', async () => {
    const source = side('source');
    const target = side('target');
    try {
      await source.store.appendToStream('case-kept', [call('Rosa calls back')], 'no_stream');
      await source.store.appendToStream('case-erased', [call('Mr. Park works nights')], 'no_stream');
      await source.keys.destroy(['case-erased']);
      source.cipher.forget(['case-erased']); // as erasure does

      const result = await copyWithSealedPii({
        source: source.raw,
        target: target.store,
        targetKeys: target.keys,
        pseudonymize: target.pseudonymize,
        sourceCipher: () => source.cipher,
      });

      expect(result).toEqual({ copied: 2, total: 2 });
      const [kept, erased] = await target.raw.readAll();
      const open = (event: typeof kept) =>
        target.cipher.open(event!.data.pii, { streamId: event!.streamId, eventType: event!.type });
      expect(await open(kept)).toEqual({ notes: 'Rosa calls back' });
      expect(await open(erased)).toEqual(ERASED);
      await expect(
        target.keys.getOrCreate('case-erased', { districtId: 'd1', household: null }),
      ).rejects.toThrow(KeyDestroyedError);
    } finally {
      for (const { raw, keys } of [source, target]) {
        await raw.close();
        await keys.close();
      }
    }
  });
});
