import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintEmbeddedToken } from '@leap/auth';
import { DEFAULT_DISTRICT_SETTINGS } from '@leap/domain';
import { SqliteEventStore } from '@leap/event-store';
import { TEST_SECRET, TestApi, coordinator } from './support/harness';

jest.setTimeout(90_000);

const root = join(__dirname, '..');
const example = (name: string) => join(root, 'examples', name);

/** `npm run leap -- import …`, as an operator runs it (asynchronously: a test API may be serving meanwhile). */
function leap(env: Record<string, string>, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/leap.ts', 'import', ...args], {
      cwd: root,
      env: { ...process.env, LEAP_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('when an operator imports files with the CLI', () => {
  describe('with no server (directly on the data dir)', () => {
    let dataDir: string;
    // The embedded store of this data dir, whichever store the suite's server runs on.
    const direct = (args: string[]) =>
      leap({ LEAP_DATA_DIR: dataDir, EVENTSTORE_CONNECTION_STRING: '', LEAP_KEYSTORE_URL: '' }, args);

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'leap-cli-import-'));
      const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
      const data = {
        districtId: 'd1',
        name: 'District One',
        regionId: 'CREC',
        timeZone: 'America/New_York',
        settings: DEFAULT_DISTRICT_SETTINGS,
      };
      await store.appendToStream(
        'district-d1',
        [{ id: randomUUID(), type: 'DistrictRegistered.v1', data, metadata: { districtId: 'd1' } }],
        'no_stream',
      );
      await store.close();
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('imports schools then the roster, prints the counts, and seals the roster’s personal data', async () => {
      const schools = await direct(['schools', example('schools.csv'), '--district', 'd1']);
      expect(schools.code).toBe(0);
      expect(schools.stdout).toContain('(schools): completed');
      expect(schools.stdout).toContain('rows 3, accepted 3, rejected 0, events appended 3');
      expect(schools.stderr).toMatch(/import schools .*rows/);

      const roster = await direct(['roster', example('roster.csv')]);
      expect(roster.code).toBe(0);
      expect(roster.stdout).toContain('rows 5, accepted 5, rejected 0, events appended 5');
      const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
      try {
        const rostered = await store.readAll({ filter: { eventTypes: ['StudentRostered.v1'] } });
        expect(rostered).toHaveLength(5);
        expect(JSON.stringify(rostered.map((event) => event.data))).not.toMatch(/Rivera|555-010|1000000001/);
      } finally {
        await store.close();
      }
    });

    it('prints the rejected rows, and exits 1 when the import failed', async () => {
      const bad = join(dataDir, 'bad.csv');
      writeFileSync(bad, 'district_id,school_id,school_name,grades\nd2,x,X,K-5\nd1,y,Y,K-99\n');
      const partly = await direct(['schools', bad, '--district', 'd1']);
      expect(partly.code).toBe(0);
      expect(partly.stdout).toContain('line 2, district_id: wrong_district');
      expect(partly.stdout).toContain('line 3, grades: invalid_value');
      writeFileSync(bad, 'school,name\nx,X\n');
      const failed = await direct(['schools', bad]);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain('failed — invalid_header');
    });

    it('refuses an unknown kind or a missing file (exit 2)', async () => {
      expect((await direct(['teachers', example('schools.csv')])).code).toBe(2);
      expect((await direct(['schools', join(dataDir, 'nope.csv')])).code).toBe(2);
    });
  });

  describe('with LEAP_URL (over HTTP)', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await TestApi.start();
    });
    afterAll(() => api.stop());

    it('posts the file, follows the import to its end, and prints the outcome', async () => {
      const token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), coordinator('d1'));
      const result = await leap({ LEAP_URL: api.baseUrl, LEAP_TOKEN: token }, [
        'schools',
        example('schools.csv'),
      ]);
      expect(result.stderr).not.toContain('Error');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('rows 3, accepted 3, rejected 0, events appended 3');
      const refused = await leap({ LEAP_URL: api.baseUrl, LEAP_TOKEN: token }, [
        'district-profile',
        example('district-profile.csv'),
      ]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('403 role_not_allowed');
    });
  });
});
