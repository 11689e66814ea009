import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventToAppend } from '@leap/event-store';
import { AesGcmPiiCipher } from '../crypto/aes-gcm-pii-cipher';
import { openPii } from '../crypto/open-pii';
import { ERASED, isSealed } from '../crypto/sealed-pii';
import { KeyDestroyedError } from '../keys/key-store.port';
import { masterKeyOf } from '../keys/master-key';
import { SqliteKeyStore } from '../keys/sqlite-key-store';
import { SealingEventStore } from './sealing-event-store';

const NAME = 'Quintessa Vandermolen';

describe('when events are appended through the sealing event store', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let keys: SqliteKeyStore;
  let cipher: AesGcmPiiCipher;
  let store: SealingEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-seal-'));
    raw = new SqliteEventStore(join(dir, 'events.sqlite'));
    keys = new SqliteKeyStore(join(dir, 'keys.sqlite'), masterKeyOf(randomBytes(32)));
    cipher = new AesGcmPiiCipher(keys);
    store = new SealingEventStore(raw, cipher);
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const identified = (pii: object = { studentName: NAME, address: '9 Wren Rd' }): EventToAppend => ({
    id: randomUUID(),
    type: 'StudentIdentified.v1',
    data: { caseId: 'c-1', household: 'hh_1', pii },
    metadata: { districtId: 'd1', actorId: 'coord-1' },
  });

  it('stores personal data sealed under the stream’s key, which erasure finds by district and household', async () => {
    await store.appendToStream('case-c-1', [identified()], 'no_stream');
    const [event] = await raw.readStream('case-c-1');
    expect(isSealed(event!.data.pii)).toBe(true);
    expect(event!.data).toMatchObject({ caseId: 'c-1', household: 'hh_1' });
    const bytes = ['events.sqlite', 'events.sqlite-wal']
      .map((file) => readFileSync(join(dir, file)).toString('latin1'))
      .join('');
    expect(bytes).toContain('c-1');
    expect(bytes).not.toContain(NAME);
    expect(bytes).not.toContain('Wren');
    expect(await keys.keysOf({ districtId: 'd1', household: 'hh_1' })).toEqual(['case-c-1']);
    const [opened] = await openPii(cipher, await store.readStream('case-c-1'));
    expect(opened!.data.pii).toEqual({ studentName: NAME, address: '9 Wren Rd' });
  });

  it('seals each value with a fresh nonce', async () => {
    await store.appendToStream('case-c-1', [identified(), identified()], 'no_stream');
    const [a, b] = (await raw.readStream('case-c-1')).map(
      (event) => event.data.pii as { iv: string; data: string },
    );
    expect(a!.iv).not.toBe(b!.iv);
    expect(a!.data).not.toBe(b!.data);
  });

  it('leaves events without personal data, and values already sealed, as they are', async () => {
    const plain: EventToAppend = {
      id: randomUUID(),
      type: 'ConsentOffered.v1',
      data: { offeredOn: '2024-10-02', channel: 'phone' },
      metadata: { districtId: 'd1' },
    };
    await store.appendToStream('case-c-1', [identified()], 'no_stream');
    const [sealedOnce] = await raw.readStream('case-c-1');
    await store.appendToStream('case-c-1', [plain, { ...identified(), data: sealedOnce!.data }], 'any');
    const [, consent, again] = await raw.readStream('case-c-1');
    expect(consent!.data).toEqual(plain.data);
    expect(again!.data.pii).toEqual(sealedOnce!.data.pii);
    expect(await keys.keysOf({})).toEqual(['case-c-1']);
  });

  it('binds a sealed value to its stream and event type: copied elsewhere, it does not open', async () => {
    await store.appendToStream('case-c-1', [identified()], 'no_stream');
    const [original] = await raw.readStream('case-c-1');
    const copy = { ...identified(), data: original!.data };
    await raw.appendToStream('case-c-2', [copy], 'no_stream');
    await raw.appendToStream('case-c-1', [{ ...copy, id: randomUUID(), type: 'VisitHeld.v1' }], 'any');
    const [copied] = await openPii(cipher, await raw.readStream('case-c-2'));
    expect(copied!.data.pii).toEqual({ unreadable: true });
    const [, moved] = await openPii(cipher, await raw.readStream('case-c-1'));
    expect(moved!.data.pii).toEqual({ unreadable: true });
  });

  it('reads an erased family’s data as erased, and refuses new personal data for it', async () => {
    await store.appendToStream('case-c-1', [identified()], 'no_stream');
    expect(await keys.destroy(['case-c-1'])).toBe(1);
    cipher.forget(['case-c-1']);
    const [opened] = await openPii(cipher, await store.readStream('case-c-1'));
    expect(opened!.data.pii).toEqual(ERASED);
    await expect(store.appendToStream('case-c-1', [identified()], 'any')).rejects.toBeInstanceOf(
      KeyDestroyedError,
    );
    expect(await raw.readStream('case-c-1')).toHaveLength(1);
  });
});
