import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateFile, type RecordedEvent } from '@leap/event-store';
import { generateMasterKeyText, parseMasterKey } from '../keys/master-key';
import { SqliteKeyStore } from '../keys/sqlite-key-store';
import { AesGcmPiiCipher } from './aes-gcm-pii-cipher';
import { openPii } from './open-pii';

const recorded = (streamId: string, type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `${streamId}-${type}`,
  streamId,
  revision: 0n,
  position: '1',
  type,
  data,
  metadata: {},
  recordedAt: '2026-01-01T00:00:00.000Z',
});

describe('when a reader opens the personal data of the events it shows', () => {
  let dir: string;
  let store: SqliteKeyStore;
  let cipher: AesGcmPiiCipher;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-open-pii-'));
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

  const seal = (streamId: string, type: string, pii: object) =>
    cipher.seal(pii, streamId, { districtId: 'd1', household: null }, { streamId, eventType: type });

  it('opens each value in its own stream and type, and leaves events without pii as they are', async () => {
    const sealed = await seal('case-1', 'VisitHeld.v2', { notes: 'Walks to school with Ana' });
    const events = [
      recorded('case-1', 'VisitHeld.v2', { visitId: 'v1', pii: sealed }),
      recorded('case-1', 'ConsentOffered.v1', { offeredOn: '2026-01-02' }),
    ];
    const opened = await openPii(cipher, events);
    expect(opened.map((event) => event.data)).toEqual([
      { visitId: 'v1', pii: { notes: 'Walks to school with Ana' } },
      { offeredOn: '2026-01-02' },
    ]);
  });

  it('shows a value that does not authenticate as unreadable, and the rest of the answer as usual', async () => {
    const sealed = await seal('case-1', 'VisitHeld.v2', { notes: 'Walks to school with Ana' });
    const tampered = { ...sealed, data: `${sealed.data.slice(0, -2)}AA` };
    const moved = await seal('case-2', 'VisitHeld.v2', { notes: 'Another family' });
    const opened = await openPii(cipher, [
      recorded('case-1', 'VisitHeld.v2', { visitId: 'v1', pii: tampered }),
      recorded('case-1', 'VisitHeld.v2', { visitId: 'v2', pii: moved }),
      recorded('case-1', 'VisitHeld.v2', { visitId: 'v3', pii: sealed }),
    ]);
    expect(opened.map((event) => event.data.pii)).toEqual([
      { unreadable: true },
      { unreadable: true },
      { notes: 'Walks to school with Ana' },
    ]);
  });
});
