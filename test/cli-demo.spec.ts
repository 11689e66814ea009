import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdRunnerMarker } from '@leap/projections';

jest.setTimeout(120_000);

const root = join(__dirname, '..');

/** `npm run leap -- demo …` on a data dir, as a user runs it. */
function leap(dataDir: string, args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/cli/src/leap.ts', 'demo', ...args], {
    cwd: root,
    env: { ...process.env, LEAP_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('when a user builds a demo state from the command line', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'leap-cli-demo-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const small = ['--districts', '1', '--students', '30', '--attendance', 'monthly', '--seed', '3'];

  it('builds into the empty store, says what it built and where the truth is', () => {
    const { code, stdout, stderr } = leap(dataDir, small);
    expect({ code, stderr: stderr.includes('Error') ? stderr : '' }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(
      /demo \(seed 3, through \d{4}-06-30, monthly attendance\): 1 districts, \d+ schools, 30 students/,
    );
    expect(stdout).toContain(`truth: ${join(dataDir, 'demo-truth.json')}`);
    expect(existsSync(join(dataDir, 'demo-truth.json'))).toBe(true);
  });

  it('refuses the store it filled, without --force, with exit code 2', () => {
    const { code, stderr } = leap(dataDir, small);
    expect(code).toBe(2);
    expect(stderr).toContain('The store is not empty');
  });

  it('refuses a bad option value with exit code 2 and the usage, before touching the store', () => {
    const { code, stderr } = leap(dataDir, ['--attendance', 'weekly']);
    expect(code).toBe(2);
    expect(stderr).toContain('--attendance must be daily or monthly');
    expect(stderr).toContain('usage: npm run leap');
  });

  it('refuses a data dir an API is serving, whose live timers would fire while it writes', () => {
    const served = mkdtempSync(join(tmpdir(), 'leap-cli-demo-served-'));
    const marker = holdRunnerMarker(join(served, 'read-models.sqlite'));
    try {
      const { code, stderr } = leap(served, small);
      expect(code).toBe(2);
      expect(stderr).toContain('its live follow-up timers would fire while the demo writes');
    } finally {
      if (!('heldBy' in marker)) marker.release();
      rmSync(served, { recursive: true, force: true });
    }
  });
});
