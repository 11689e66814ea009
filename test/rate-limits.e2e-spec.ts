import { randomBytes, randomUUID } from 'node:crypto';
import { TimerNamespace } from '@leap/follow-ups';
import { redisUrl } from '@leap/health';
import Redis from 'ioredis';
import { dropQueueKeys } from '../libs/follow-ups/src/testing/follow-up-test-env';
import { TestApi, coordinator, type Response } from './support/harness';
import { BAD_TOKEN, rateLimitKeys, setEnv } from './support/rate-limit-env';

jest.setTimeout(60_000);

function expectRateLimited(response: Response, maxSeconds: number): void {
  expect(response.status).toBe(429);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status: 429, code: 'rate_limited' });
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(response.body.retryAfterSeconds).toBe(retryAfter);
}

const statuses = (responses: Response[]) => responses.map((response) => response.status);

describe('when one login sends more requests than its budget', () => {
  let api: TestApi;
  let restore: () => void;

  beforeAll(async () => {
    restore = setEnv({ LEAP_RATE_LIMIT: '3', LEAP_RATE_LIMIT_WINDOW_MS: '60000' });
    api = await TestApi.start({ registry: 'empty' });
  });
  afterAll(async () => {
    await api?.stop();
    restore();
  });

  it('answers 429 rate_limited with Retry-After past the budget, whatever the route', async () => {
    const coord = api.as(coordinator('d1'));
    const answers = [
      await coord.get('/v1/cases'),
      await coord.get('/v1/worklists'),
      await coord.get('/v1/cases'),
    ];
    expect(answers.map((answer) => answer.status).filter((status) => status === 429)).toEqual([]);
    expectRateLimited(await coord.get('/v1/cases'), 60);
    expectRateLimited(await coord.post('/v1/cases', {}), 60);
  });

  it('gives another login a budget of its own', async () => {
    const other = api.as(coordinator('d2'));
    expect(statuses([await other.get('/v1/cases'), await other.get('/v1/cases')])).toEqual([200, 200]);
  });

  it('never counts the health probes', async () => {
    const probes = [];
    for (let n = 0; n < 8; n++) probes.push(await api.anonymous().get(n % 2 ? '/health' : '/health/ready'));
    expect(statuses(probes)).toEqual(Array(8).fill(200));
  });

  it('keeps no login and no address in clear in its Redis keys, only under the installation prefix', async () => {
    const keys = await rateLimitKeys(api);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const key of keys) {
      expect(key).toMatch(/^leap-[0-9a-z]{1,12}:rate:default:login-[0-9a-f]{20}$/);
      expect(key).not.toMatch(/coord|127\.0\.0\.1/);
    }
  });
});

describe('when a client address sends a burst of bad tokens', () => {
  let api: TestApi;
  let restore: () => void;

  beforeAll(async () => {
    restore = setEnv({
      LEAP_AUTH_FAILURE_LIMIT: '4',
      LEAP_AUTH_FAILURE_BLOCK_MS: '60000',
      LEAP_AUTH_FAILURE_DELAY_MS: '150',
    });
    api = await TestApi.start({ registry: 'empty' });
  });
  afterAll(async () => {
    await api?.stop();
    restore();
  });

  it('slows the failures down past half the budget, then refuses the address with 429 before reading any token', async () => {
    const anonymous = api.anonymous();
    const timed = async () => {
      const started = Date.now();
      const { status } = await anonymous.get('/v1/cases', BAD_TOKEN);
      return { status, ms: Date.now() - started };
    };
    // Requests without a token cost nothing to refuse, and are not counted.
    for (let n = 0; n < 5; n++) expect((await anonymous.get('/v1/cases')).status).toBe(401);
    // Budget 4: two failures at once, then 150 ms, then 300 ms later than the one before.
    const failures = [await timed(), await timed(), await timed(), await timed()];
    expect(failures.map((failure) => failure.status)).toEqual([401, 401, 401, 401]);
    expect(failures[2]!.ms).toBeGreaterThanOrEqual(140);
    expect(failures[3]!.ms).toBeGreaterThanOrEqual(290);
    expectRateLimited(await anonymous.get('/v1/cases', BAD_TOKEN), 60);
    // Valid or not, no token of this address is verified while it is refused.
    expectRateLimited(await api.as(coordinator('d1')).get('/v1/cases'), 60);
    expectRateLimited(await anonymous.get('/v1/cases'), 60);
    expect((await anonymous.get('/health')).status).toBe(200);
  });
});

describe('when two api processes of one installation share a Redis', () => {
  const prefix = `leap-test-${randomUUID().slice(0, 8)}`;
  const apis: TestApi[] = [];
  let restore: () => void;
  let other: TestApi | undefined;

  beforeAll(async () => {
    // What every api process of one installation shares: the prefix (derived from the installation
    // id in production) and the pseudonym key (required with EventStoreDB).
    restore = setEnv({
      LEAP_RATE_LIMIT: '4',
      LEAP_QUEUE_PREFIX: prefix,
      LEAP_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
    });
    for (let n = 0; n < 2; n++) apis.push(await TestApi.start({ registry: 'empty' }));
    delete process.env.LEAP_QUEUE_PREFIX;
    other = await TestApi.start({ registry: 'empty' });
  });
  afterAll(async () => {
    for (const api of [...apis, other]) await api?.stop();
    await dropQueueKeys(redisUrl(), prefix);
    restore();
  });

  it('counts one login’s requests to both together', async () => {
    const [a, b] = apis.map((api) => api.as(coordinator('d1')));
    expect(
      statuses([
        await a!.get('/v1/cases'),
        await b!.get('/v1/cases'),
        await a!.get('/v1/cases'),
        await b!.get('/v1/cases'),
      ]),
    ).toEqual([200, 200, 200, 200]);
    expectRateLimited(await a!.get('/v1/cases'), 60);
    expectRateLimited(await b!.get('/v1/cases'), 60);
  });

  it('does not share the counters with another installation on the same Redis', async () => {
    const elsewhere = other!.as(coordinator('d1'));
    expect(statuses([await elsewhere.get('/v1/cases'), await elsewhere.get('/v1/cases')])).toEqual([
      200, 200,
    ]);
  });
});

describe('when a test API stops', () => {
  it('leaves no rate-limit key of its installation in the shared Redis', async () => {
    const api = await TestApi.start({ registry: 'empty' });
    let prefix: string;
    try {
      expect((await api.as(coordinator('d1')).get('/v1/cases')).status).toBe(200);
      expect(await rateLimitKeys(api)).toHaveLength(1);
      prefix = (await api.app.get(TimerNamespace).resolve()).prefix;
    } finally {
      await api.stop();
    }
    const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
    try {
      expect(await redis.keys(`${prefix}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
