import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyStore, generateMasterKeyText, loadMasterKey } from '@leap/privacy';
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
    [['keys']],
    [['keys', 'erase']],
    [['keys', 'status', '--new-key-file', 'k']],
    [['migrate']],
    [['migrate', 'encrypt-pii']],
    [['migrate', 'decrypt', '--to', 'x']],
    [['projections', 'status', '--to', 'x']],
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

describe('when `npm run leap -- keys` rotates the master key and reports on the key store', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'leap-cli-keys-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Two keys created and one destroyed, as the API would; answers the live key's bytes. */
  async function seedKeys(env: Record<string, string>): Promise<Uint8Array> {
    const store = createKeyStore(env);
    try {
      await store.getOrCreate('case-gone', { districtId: 'd1', household: 'hh-1' });
      await store.destroy(['case-gone']);
      return await store.getOrCreate('case-kept', { districtId: 'd1', household: 'hh-2' });
    } finally {
      await store.close();
    }
  }
  async function keyOf(env: Record<string, string>, keyId: string) {
    const store = createKeyStore(env);
    try {
      return await store.get(keyId);
    } finally {
      await store.close();
    }
  }
  const status = (env: Record<string, string>) => {
    const result = cli('leap', ['keys', 'status'], env);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    return { ...result, json: JSON.parse(result.stdout) as Record<string, unknown> };
  };

  it('embedded: re-wraps with a generated key that replaces master-key; status never shows key material', async () => {
    const env = { LEAP_DATA_DIR: dataDir, EVENTSTORE_CONNECTION_STRING: '', LEAP_KEYSTORE_URL: '' };
    const key = await seedKeys(env);
    const before = loadMasterKey(env);
    const masterText = Buffer.from(before.key).toString('base64');

    const first = status(env);
    expect(first.json).toMatchObject({
      store: 'sqlite',
      masterKeyId: before.id,
      liveKeys: 1,
      destroyedKeys: 1,
    });
    for (const secret of [masterText, Buffer.from(key).toString('base64'), Buffer.from(key).toString('hex')])
      expect(first.stdout).not.toContain(secret);

    const rotate = cli('leap', ['keys', 'rotate'], env);
    expect({ code: rotate.code, stderr: rotate.stderr }).toEqual({ code: 0, stderr: '' });
    const after = loadMasterKey(env);
    expect(after.id).not.toBe(before.id);
    expect(rotate.stdout).toContain(`Re-wrapped 1 data keys: master key ${before.id} -> ${after.id}`);
    expect(rotate.stdout).not.toContain(Buffer.from(after.key).toString('base64'));
    expect(status(env).json).toMatchObject({
      masterKeyId: after.id,
      liveKeys: 1,
      wrappedBy: { [after.id]: 1 },
    });
    expect(await keyOf(env, 'case-kept')).toEqual(key);
  }, 30_000);

  it('with LEAP_MASTER_KEY: needs the new key, re-wraps with it and tells the operator to switch', async () => {
    const env = {
      LEAP_DATA_DIR: dataDir,
      EVENTSTORE_CONNECTION_STRING: '',
      LEAP_KEYSTORE_URL: '',
      LEAP_MASTER_KEY: generateMasterKeyText(),
      LEAP_NEW_MASTER_KEY: '',
    };
    const key = await seedKeys(env);
    const refused = cli('leap', ['keys', 'rotate'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^With LEAP_MASTER_KEY set, give the new master key/);
    expect(refused.stderr).not.toMatch(STACK_TRACE);

    const nextText = generateMasterKeyText();
    const keyFile = join(dataDir, 'new-master-key');
    writeFileSync(keyFile, `${nextText}\n`, { mode: 0o600 });
    const rotate = cli('leap', ['keys', 'rotate', '--new-key-file', keyFile], env);
    expect({ code: rotate.code, stderr: rotate.stderr }).toEqual({ code: 0, stderr: '' });
    expect(rotate.stdout).toContain('Now set LEAP_MASTER_KEY to the new master key');
    expect(rotate.stdout).not.toContain(nextText);

    const switched = { ...env, LEAP_MASTER_KEY: nextText };
    expect(status(switched).json).toMatchObject({
      masterKeyFrom: 'LEAP_MASTER_KEY',
      liveKeys: 1,
      destroyedKeys: 1,
    });
    expect(await keyOf(switched, 'case-kept')).toEqual(key);
    expect(existsSync(join(dataDir, 'master-key'))).toBe(false);
  }, 30_000);

  it('on EventStoreDB without LEAP_KEYSTORE_URL: refuses, naming the variable, and creates no key store', () => {
    const result = cli('leap', ['keys', 'status'], {
      LEAP_DATA_DIR: dataDir,
      EVENTSTORE_CONNECTION_STRING: 'esdb://admin:s3cret@127.0.0.1:1?tls=false',
      LEAP_KEYSTORE_URL: '',
      LEAP_MASTER_KEY: generateMasterKeyText(),
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^LEAP_KEYSTORE_URL is required with EVENTSTORE_CONNECTION_STRING/);
    expect(result.stderr).not.toContain('s3cret');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(join(dataDir, 'keys.sqlite'))).toBe(false);
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
