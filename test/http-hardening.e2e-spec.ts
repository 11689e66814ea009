import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisUrl } from '@leap/health';
import { dropQueueKeys } from '../libs/follow-ups/src/testing/follow-up-test-env';
import { TestApi, coordinator } from './support/harness';
import { BAD_TOKEN, setEnv } from './support/rate-limit-env';
import { ServerProcess } from './support/server-process';

jest.setTimeout(60_000);

const LISTED = 'https://case.example.org';

describe('when anyone reads an answer of the API', () => {
  let api: TestApi;
  let restore: () => void;

  beforeAll(async () => {
    restore = setEnv({ LEAP_CORS_ORIGINS: `${LISTED}, http://localhost:5173` });
    api = await TestApi.start({ registry: 'empty' });
  });
  afterAll(async () => {
    await api?.stop();
    restore();
  });

  it('carries the security headers, on successes and problems alike, and no x-powered-by', async () => {
    const answers = [
      await api.anonymous().get('/health'),
      await api.anonymous().get('/v1/cases'),
      await api.as(coordinator()).get('/v1/no-such-route'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 404]);
    for (const { headers } of answers) {
      expect(headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.has('x-powered-by')).toBe(false);
    }
  });

  it('serves /docs under that policy: its scripts and styles come from its own origin, none inline', async () => {
    const page = await fetch(`${api.baseUrl}/docs/`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const scripts = [...html.matchAll(/<script[^>]*\bsrc=["']([^"']+)["']/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const src of scripts) {
      const url = new URL(src, `${api.baseUrl}/docs/`);
      expect(url.origin).toBe(api.baseUrl);
      expect((await fetch(url)).status).toBe(200);
    }
  });

  it('lets a listed browser origin read answers (and their request id), and no other origin', async () => {
    const listed = await api.as(coordinator()).get('/v1/cases', { origin: LISTED });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(listed.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    const other = await api
      .as(coordinator())
      .get('/v1/cases', { origin: 'https://case.example.org.evil.test' });
    expect(other.headers.has('access-control-allow-origin')).toBe(false);
  });

  it('answers a preflight of a listed origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.baseUrl}/v1/cases`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, idempotency-key',
        },
      });
    const listed = await preflight('http://localhost:5173');
    expect(listed.status).toBe(204);
    expect(listed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(listed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(listed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect((await preflight('http://localhost:5174')).headers.has('access-control-allow-origin')).toBe(false);
  });
});

describe('when no browser origin is configured', () => {
  let api: TestApi;

  beforeAll(async () => {
    delete process.env.LEAP_CORS_ORIGINS;
    api = await TestApi.start({ registry: 'empty' });
  });
  afterAll(() => api?.stop());

  it('gives no origin access', async () => {
    const answer = await api.as(coordinator()).get('/v1/cases', { origin: LISTED });
    expect(answer.status).toBe(200);
    expect(answer.headers.has('access-control-allow-origin')).toBe(false);
  });
});

/** Bad tokens from two addresses behind one proxy (the test client): 401, 401, then 429. */
describe.each([
  { setting: '1', trustProxy: '1', forwardedCounts: true },
  { setting: 'unset', trustProxy: undefined, forwardedCounts: false },
])('when LEAP_TRUST_PROXY is $setting', ({ trustProxy, forwardedCounts }) => {
  let api: TestApi;
  let restore: () => void;

  beforeAll(async () => {
    restore = setEnv({
      LEAP_TRUST_PROXY: trustProxy,
      LEAP_AUTH_FAILURE_LIMIT: '2',
      LEAP_AUTH_FAILURE_DELAY_MS: '0',
    });
    api = await TestApi.start({ registry: 'empty' });
  });
  afterAll(async () => {
    await api?.stop();
    restore();
  });

  it(
    forwardedCounts
      ? 'counts failures per X-Forwarded-For address'
      : 'ignores X-Forwarded-For: a client cannot choose its own address',
    async () => {
      const from = (address: string) => ({ ...BAD_TOKEN, 'x-forwarded-for': address });
      const first = [];
      for (let n = 0; n < 3; n++)
        first.push((await api.anonymous().get('/v1/cases', from('203.0.113.7'))).status);
      expect(first).toEqual([401, 401, 429]);
      const second = await api.anonymous().get('/v1/cases', from('198.51.100.20'));
      expect(second.status).toBe(forwardedCounts ? 401 : 429);
    },
  );
});

describe('when the built API refuses a client', () => {
  const prefix = `leap-test-${randomUUID().slice(0, 8)}`;
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'leap-hardening-'));
    server = await ServerProcess.start({
      EVENTSTORE_CONNECTION_STRING: '',
      LEAP_DATA_DIR: dataDir,
      LEAP_QUEUE_PREFIX: prefix,
      LEAP_AUTH_FAILURE_LIMIT: '1',
      LEAP_AUTH_FAILURE_DELAY_MS: '0',
    });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await dropQueueKeys(redisUrl(), prefix);
  });

  it('still echoes the request id, with the security headers, on a 401 and on the 429 after it', async () => {
    const send = (requestId?: string) =>
      fetch(`${server.baseUrl}/v1/cases`, {
        headers: { ...BAD_TOKEN, ...(requestId ? { 'x-request-id': requestId } : {}) },
      });
    const answers = [await send('trace-401'), await send('trace-429'), await send()];
    expect(answers.map((answer) => answer.status)).toEqual([401, 429, 429]);
    expect(answers.map((answer) => answer.headers.get('x-request-id')).slice(0, 2)).toEqual([
      'trace-401',
      'trace-429',
    ]);
    expect(answers[2]!.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    for (const answer of answers) {
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(answer.headers.has('x-powered-by')).toBe(false);
    }
    expect(Number(answers[1]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
