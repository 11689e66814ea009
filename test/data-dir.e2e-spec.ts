import { chmodSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { TestApi, coordinator } from './support/harness';
import { identifyBody } from './support/journey-fixtures';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** The data dir holds families' personal data: owner-only, whatever created it. */
describe('when the API keeps its files in the data dir', () => {
  it('creates the directory 0700 and every file in it 0600, write-ahead logs included', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'leap-modes-')), 'data');
    const api = await TestApi.start({ dataDir });
    try {
      expect((await api.as(coordinator()).post('/v1/cases', identifyBody())).status).toBe(201);
      const files = readdirSync(dataDir);
      expect(files).toEqual(expect.arrayContaining(['read-models.sqlite', 'read-models.sqlite-wal']));
      expect(modeOf(dataDir)).toBe(0o700);
      for (const file of files) expect([file, modeOf(join(dataDir, file))]).toEqual([file, 0o600]);
    } finally {
      await api.stop();
    }
  });

  it('narrows files an earlier version left readable by everyone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'leap-modes-'));
    chmodSync(dataDir, 0o755);
    const old = new Database(join(dataDir, 'read-models.sqlite'));
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE t (x)');
    old.close();
    chmodSync(join(dataDir, 'read-models.sqlite'), 0o644);
    const api = await TestApi.start({ dataDir });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(join(dataDir, 'read-models.sqlite'))).toBe(0o600);
    } finally {
      await api.stop();
    }
  });
});
