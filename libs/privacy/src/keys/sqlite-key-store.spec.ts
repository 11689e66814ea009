import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { privateFile } from '@leap/event-store';
import { generateMasterKeyText, parseMasterKey } from './master-key';
import { SqliteKeyStore } from './sqlite-key-store';

const master = parseMasterKey(generateMasterKeyText(), 'test');
const attributes = { districtId: 'd1', household: 'hh-1' };

describe('the SQLite key store', () => {
  let dir: string;
  let file: string;
  let store: SqliteKeyStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-keys-bytes-'));
    file = privateFile(dir, 'keys.sqlite');
    store = new SqliteKeyStore(file, master);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const wrappedFormOf = (keyId: string): Buffer => {
    const reader = new Database(file, { readonly: true });
    try {
      return (
        reader.prepare('SELECT wrapped FROM data_keys WHERE key_id = ?').get(keyId) as { wrapped: Buffer }
      ).wrapped;
    } finally {
      reader.close();
    }
  };
  const bytesOnDisk = (): Buffer =>
    Buffer.concat([file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path)));

  it('creates the keys asked for at once together, each durable and its own, a destroyed one refused alone', async () => {
    await store.getOrCreate('case-gone', attributes);
    await store.destroy(['case-gone']);
    const ids = Array.from({ length: 40 }, (_, n) => `case-${n}`);
    const asked = [...ids, ...ids.slice(0, 5), 'case-gone'].map((id) =>
      store.getOrCreate(id, attributes).then(
        (key) => ({ id, key: Buffer.from(key).toString('hex') }),
        (error: Error) => ({ id, error: error.name }),
      ),
    );
    const answers = await Promise.all(asked);
    expect(answers.at(-1)).toEqual({ id: 'case-gone', error: 'KeyDestroyedError' });
    const created = new Map(
      answers.slice(0, 40).map((answer) => [answer.id, (answer as { key: string }).key]),
    );
    expect(new Set(created.values()).size).toBe(40);
    for (const answer of answers.slice(40, 45))
      expect((answer as { key: string }).key).toBe(created.get(answer.id));
    const reopened = new SqliteKeyStore(file, master);
    try {
      for (const id of ids)
        expect(Buffer.from((await reopened.get(id))!).toString('hex')).toBe(created.get(id));
    } finally {
      await reopened.close();
    }
  });

  it('keeps its file and WAL owner-only, with secure_delete on', async () => {
    await store.getOrCreate('case-1', attributes);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    const other = new Database(file);
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
    expect((store as unknown as { db: Database.Database }).db.pragma('secure_delete', { simple: true })).toBe(
      1,
    );
  });

  it('leaves no byte of a destroyed key, raw or wrapped, in keys.sqlite or keys.sqlite-wal', async () => {
    const key = Buffer.from(await store.getOrCreate('case-1', attributes));
    const kept = Buffer.from(await store.getOrCreate('case-2', attributes));
    const wrapped = wrappedFormOf('case-1');
    expect(bytesOnDisk().includes(wrapped)).toBe(true);

    await store.destroy(['case-1']);

    const after = bytesOnDisk();
    expect(after.includes(wrapped)).toBe(false);
    expect(after.includes(key)).toBe(false);
    expect(after.includes(wrappedFormOf('case-2'))).toBe(true);
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect(await store.get('case-2')).toEqual(new Uint8Array(kept));
  });
});
