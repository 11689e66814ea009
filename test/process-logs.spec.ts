import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintEmbeddedToken } from '@leap/auth';
import { requireFreshBuild } from './support/fresh-build';
import { identifyBody } from './support/journey-fixtures';
import { seedRegistry } from './support/registry-seed';
import { BUILT_MAIN, freePort } from './support/server-process';
import { TEST_SECRET } from './support/test-secret';

/**
 * The built API's own output, as a log collector or `docker logs` sees it: stdout and stderr piped,
 * on the embedded store. Requests carry personal data in the body and in a `?q=` query.
 */
interface Run {
  stdout: string;
  stderr: string;
  responses: Response[];
  studentId: string;
}

async function runApi(env: Record<string, string>): Promise<Run> {
  requireFreshBuild(BUILT_MAIN);
  const dataDir = mkdtempSync(join(tmpdir(), 'leap-logs-'));
  const port = await freePort();
  const { LEAP_LOG_FORMAT: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [BUILT_MAIN], {
    env: {
      ...parentEnv,
      NODE_ENV: 'test',
      LEAP_DATA_DIR: dataDir,
      LEAP_JWT_SECRET: TEST_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base, () => stderr);
    await seedRegistry(base, [{ districtId: 'd1', schoolIds: ['sch-1'] }]);
    const token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), {
      sub: 'coord-d1',
      role: 'coordinator',
      districtId: 'd1',
    });
    const authorization = `Bearer ${token}`;
    const body = identifyBody();
    const responses = [
      await fetch(`${base}/v1/cases`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', 'x-request-id': 'trace-identify-1' },
        body: JSON.stringify(body),
      }),
      await fetch(`${base}/v1/cases?q=Maya&schoolId=sch-1`, { headers: { authorization } }),
      await fetch(`${base}/v1/cases`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', 'x-request-id': 'Maya Lopez' },
        body: JSON.stringify({ ...body, grade: 42 }),
      }),
      await fetch(`${base}/v1/no-such-route?q=Maya`),
    ];
    await Promise.all(responses.map((response) => response.text()));
    // A request is logged when its response has finished, which the client may see a moment earlier.
    await until(
      () => stdout.includes('/v1/no-such-route'),
      () => stdout,
    );
    return { stdout, stderr, responses, studentId: body.studentId };
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitForHealth(base: string, output: () => string): Promise<void> {
  await until(async () => (await fetch(`${base}/health`).catch(() => null))?.ok === true, output);
}

async function until(condition: () => boolean | Promise<boolean>, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out; output so far:\n${output()}`);
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('when the API logs JSON (LEAP_LOG_FORMAT=json)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await runApi({ LEAP_LOG_FORMAT: 'json' });
  }, 60_000);

  it('writes one JSON object per line, on stdout and stderr alike', () => {
    const all = [...lines(run.stdout), ...lines(run.stderr)];
    expect(all.length).toBeGreaterThan(5);
    for (const line of all) expect(() => JSON.parse(line)).not.toThrow();
    expect(all.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({ level: 'info', context: 'NestApplication', time: expect.any(String) }),
    );
  });

  it('logs each request once with its id, method, path without query, and status', () => {
    const requests = lines(run.stdout)
      .map((line) => JSON.parse(line))
      .filter(
        (entry) =>
          entry.context === 'HTTP' && entry.path !== '/health' && !entry.path.startsWith('/v1/districts'),
      );
    expect(requests).toEqual([
      expect.objectContaining({ reqId: 'trace-identify-1', method: 'POST', path: '/v1/cases', status: 201 }),
      expect.objectContaining({ reqId: expect.any(String), method: 'GET', path: '/v1/cases', status: 200 }),
      expect.objectContaining({ reqId: expect.any(String), method: 'POST', path: '/v1/cases', status: 400 }),
      expect.objectContaining({
        reqId: expect.any(String),
        method: 'GET',
        path: '/v1/no-such-route',
        status: 404,
      }),
    ]);
    expect(new Set(requests.map((entry) => entry.reqId)).size).toBe(4);
  });

  it('echoes the request id, replacing one that is not a plain token', () => {
    const ids = run.responses.map((response) => response.headers.get('x-request-id'));
    expect(ids[0]).toBe('trace-identify-1');
    for (const id of ids.slice(1)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries no personal data: no body, no query, no name, no student id', () => {
    const output = run.stdout + run.stderr;
    for (const secret of ['Maya', 'Lopez', '?q=', run.studentId, 'Bearer'])
      expect(output).not.toContain(secret);
  });
});

describe('when the API logs text to a pipe (the default format)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await runApi({});
  }, 60_000);

  it('writes readable lines without ANSI colour escapes', () => {
    expect(run.stdout).toMatch(/INFO \[NestApplication\] Nest application successfully started/);
    expect(run.stdout).toMatch(/INFO \[HTTP\] GET \/v1\/cases 200 \d+ms reqId=\S+/);
    expect(run.stdout + run.stderr).not.toContain('\x1b');
  });

  it('carries no personal data either', () => {
    for (const secret of ['Maya', 'Lopez', '?q=', run.studentId])
      expect(run.stdout + run.stderr).not.toContain(secret);
  });
});
