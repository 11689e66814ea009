import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess } from './support/server-process';

const root = join(__dirname, '..');

/** An operator command as `npm run token --` / `npm run leap --` runs it. */
function cli(script: 'token' | 'leap', args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `apps/cli/src/${script}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const STACK_TRACE = /\n\s+at /;

describe.each([
  ['token', 'usage: npm run -s token -- --role <role>'],
  ['leap', 'usage: npm run leap -- projections <command>'],
] as const)('when `npm run %s` is asked for help or given a bad command line', (script, usage) => {
  it.each(['--help', '-h'])('prints the usage for %s on stdout and exits 0', (flag) => {
    const { code, stdout, stderr } = cli(script, [flag]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.startsWith(usage)).toBe(true);
  });

  it('refuses an unknown option with the usage on stderr, exit 2 and no stack trace', () => {
    const { code, stdout, stderr } = cli(script, ['--bogus']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^Unknown option '--bogus'/);
    expect(stderr).toContain(usage);
    expect(stderr).not.toMatch(STACK_TRACE);
  });
});

describe('when `npm run leap` is given a command it does not know', () => {
  it.each([
    [[]],
    [['projections']],
    [['frobnicate']],
    [['projections', 'replay']],
    [['projections', 'status', 'x']],
  ])('prints the usage on stderr and exits 2 for %j', (args) => {
    const { code, stdout, stderr } = cli('leap', args);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain('usage: npm run leap -- projections <command>');
    expect(stderr).not.toMatch(STACK_TRACE);
  });
});

describe('when `npm run token` is given a bad value', () => {
  it('says which, with exit 2 and no stack trace', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'leap-cli-'));
    try {
      const result = cli('token', ['--role', 'coordinator', '--district', 'd1', '--expires', 'soon'], {
        LEAP_DATA_DIR: dataDir,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^--expires soon: /);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** `leap projections run` until it follows the event store, then stopped with SIGTERM. */
async function projectionsRun(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/leap.ts', 'projections', 'run'], {
    cwd: root,
    env: { ...process.env, LEAP_DATA_DIR: dataDir, EVENTSTORE_CONNECTION_STRING: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!stderr.includes('following') && child.exitCode === null && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  child.kill('SIGTERM');
  return { code: await exited, stderr };
}

describe('when `npm run leap -- projections run` starts beside an API on the same data dir', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'leap-cli-run-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const api = () => ServerProcess.start({ LEAP_DATA_DIR: dataDir, EVENTSTORE_CONNECTION_STRING: '' });

  it('warns on stderr that the API already runs the projections, naming its process', async () => {
    const server = await api();
    try {
      const run = await projectionsRun(dataDir);
      expect(run.stderr).toContain('WARNING: Another process already runs projections on');
      expect(run.stderr).toContain(`(pid ${server.child.pid} `);
      expect(run.stderr).toContain('following case_summaries, worklists');
      expect(run.code).toBe(0);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('does not warn once that API has stopped, nor beside an API with LEAP_PROJECTIONS=off', async () => {
    await (await api()).stop();
    expect((await projectionsRun(dataDir)).stderr).not.toContain('WARNING');

    const server = await ServerProcess.start({
      LEAP_DATA_DIR: dataDir,
      EVENTSTORE_CONNECTION_STRING: '',
      LEAP_PROJECTIONS: 'off',
    });
    try {
      expect((await projectionsRun(dataDir)).stderr).not.toContain('WARNING');
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('does not warn after the API was SIGKILLed, whose marker file stayed behind', async () => {
    await (await api()).stop('SIGKILL');
    expect(existsSync(join(dataDir, 'read-models.sqlite.runner.json'))).toBe(true);
    const run = await projectionsRun(dataDir);
    expect(run.stderr).not.toContain('WARNING');
    expect(run.stderr).toContain('following case_summaries, worklists');
  }, 60_000);
});
