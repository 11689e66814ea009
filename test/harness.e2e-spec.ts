import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApi } from './support/harness';

describe('when a test API fails to start', () => {
  const parent = mkdtempSync(join(tmpdir(), 'leap-harness-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('removes the data dir it created, with everything the half-started API wrote into it', async () => {
    const dataDir = join(parent, 'data');
    const failing = TestApi.start({ dataDir, registry: [{ districtId: 'not an id', schoolIds: [] }] });
    await expect(failing).rejects.toThrow(/Seeding the registry/);
    expect(existsSync(dataDir)).toBe(false);
  });

  // Two starts of a server process: more than Jest's default when the two cores are busy.
  it('leaves a data dir the caller made, and stops what it started', async () => {
    const dataDir = mkdtempSync(join(parent, 'mine-'));
    const failing = TestApi.start({ dataDir, registry: [{ districtId: 'not an id', schoolIds: [] }] });
    await expect(failing).rejects.toThrow(/Seeding the registry/);
    expect(existsSync(dataDir)).toBe(true);
    // Started again on the same data, it works: nothing of the failed start holds the files.
    const api = await TestApi.start({ dataDir });
    await api.stop();
    expect(readdirSync(parent)).toEqual([]);
  }, 90_000);
});
