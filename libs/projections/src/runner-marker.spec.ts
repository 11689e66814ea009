import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdRunnerMarker, runnerMarkerHolder, type HeldMarker } from './runner-marker';

/** Another process holding the marker of `file`, as an API's projection runner does. */
async function holderProcess(file: string): Promise<ChildProcess> {
  const script = `globalThis.marker = require(${JSON.stringify(join(__dirname, 'runner-marker.ts'))}).holdRunnerMarker(${JSON.stringify(file)});
    process.stdout.write('held\\n'); setInterval(() => undefined, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

const killed = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

describe('the projection runner marker', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-marker-'));
    file = join(dir, 'read-models.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is free when no runner holds it, and tells who holds it while one does', () => {
    expect(runnerMarkerHolder(file)).toBeNull();
    const marker = holdRunnerMarker(file) as HeldMarker;
    expect(runnerMarkerHolder(file)).toMatchObject({ pid: process.pid, startedAt: expect.any(String) });
    marker.release();
    expect(runnerMarkerHolder(file)).toBeNull();
  });

  it("refuses a second runner on the same file and names the first one's process", async () => {
    const child = await holderProcess(file);
    try {
      expect(holdRunnerMarker(file)).toEqual({ heldBy: expect.objectContaining({ pid: child.pid }) });
      expect(runnerMarkerHolder(file)).toMatchObject({ pid: child.pid });
    } finally {
      child.kill('SIGKILL');
      await killed(child);
    }
  });

  it('is free again once its holder was SIGKILLed, although the holder file stayed behind', async () => {
    const child = await holderProcess(file);
    child.kill('SIGKILL');
    await killed(child);
    expect(existsSync(`${file}.runner.json`)).toBe(true);

    expect(runnerMarkerHolder(file)).toBeNull();
    const marker = holdRunnerMarker(file);
    expect('release' in marker).toBe(true);
    (marker as HeldMarker).release();
  });

  it('is always free for a read-model database in memory', () => {
    expect('release' in holdRunnerMarker(':memory:')).toBe(true);
    expect(runnerMarkerHolder(':memory:')).toBeNull();
  });
});
