import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { mintEmbeddedToken } from '@leap/auth';
import { requireFreshBuild } from './support/fresh-build';
import { daysAgo, identifyBody } from './support/journey-fixtures';
import { seedRegistry } from './support/registry-seed';
import { BUILT_MAIN, freePort } from './support/server-process';
import { TEST_SECRET } from './support/test-secret';

/**
 * Where a family's personal data may end up outside the sealed event store, from a run of the built
 * API with follow-up timers on: its log output, every key and value it leaves in Redis (BullMQ jobs,
 * rate-limit counters), and the files of its data dir. Read models keep the student's name and id
 * for search and display (and only those); nothing else personal is anywhere in clear.
 */
const RUN = `${process.pid}${Date.now() % 100_000}`;
const SEARCHED = {
  studentName: `Quillon Vexbridge ${RUN}`,
  studentId: `SID-QX-${RUN}`,
};
const NEVER_IN_CLEAR = {
  guardianName: `Ottoline Zarmaker ${RUN}`,
  guardianPhone: `+1 860 555 ${RUN.slice(-4)}`,
  address: `${RUN} Wobbleglen Rd`,
  householdId: `HH-ZQ-${RUN}`,
  declineReason: `Plinthwhistle reason ${RUN}`,
};

interface Run {
  output: string;
  redis: string;
  files: Map<string, Buffer>;
}

async function runApi(): Promise<Run> {
  requireFreshBuild(BUILT_MAIN);
  const dataDir = mkdtempSync(join(tmpdir(), 'leap-leaks-'));
  const port = await freePort();
  const { LEAP_LOG_FORMAT: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [BUILT_MAIN], {
    env: {
      ...parentEnv,
      NODE_ENV: 'test',
      LEAP_DATA_DIR: dataDir,
      LEAP_JWT_SECRET: TEST_SECRET,
      LEAP_FOLLOW_UP_WORKERS: 'on',
      // A horizon of days, so the timers of the cases identified here go to BullMQ at once.
      LEAP_FOLLOW_UP_RECONCILE_MS: String(3 * 24 * 3_600_000),
      LEAP_LOG_FORMAT: 'json',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const redis = new Redis('redis://127.0.0.1:6379');
  const before = new Set(await redis.keys('*:delayed'));
  let prefix: string | null = null;
  try {
    const base = `http://127.0.0.1:${port}`;
    await until(
      async () => (await fetch(`${base}/health`).catch(() => null))?.ok === true,
      () => output,
    );
    await seedRegistry(base, [{ districtId: 'd1', schoolIds: ['sch-1'] }]);
    const token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), {
      sub: 'coord-leaks',
      role: 'coordinator',
      districtId: 'd1',
    });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const pii = {
      studentName: SEARCHED.studentName,
      ...pick(NEVER_IN_CLEAR, 'guardianName', 'guardianPhone', 'address'),
    };
    const identify = identifyBody({
      studentId: SEARCHED.studentId,
      householdId: NEVER_IN_CLEAR.householdId,
      identifiedOn: daysAgo(1),
      pii,
    });
    const declined = await post('/v1/cases', identify);
    expect(declined.status).toBe(201);
    const { caseId } = (await declined.json()) as { caseId: string };
    expect(
      (await post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(1), channel: 'phone' })).status,
    ).toBe(200);
    const answer = await post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(0),
      decision: 'declined',
      reason: NEVER_IN_CLEAR.declineReason,
    });
    expect(answer.status).toBe(200);
    // A sibling whose follow-up timer stays pending in Redis, and a refused request full of personal data.
    const sibling = await post('/v1/cases', { ...identify, studentId: `${SEARCHED.studentId}-2` });
    expect(sibling.status).toBe(201);
    expect((await post('/v1/cases', { ...identify, grade: 42 })).status).toBe(400);
    const search = await fetch(
      `${base}/v1/cases?q=${encodeURIComponent(SEARCHED.studentName)}&minPosition=0`,
      {
        headers,
      },
    );
    expect(search.status).toBe(200);
    expect(JSON.stringify(await search.json())).toContain(SEARCHED.studentName);
    const read = await fetch(`${base}/v1/cases/${caseId}`, { headers });
    expect(JSON.stringify(await read.json())).toContain(NEVER_IN_CLEAR.guardianName);

    // The pending timers (BullMQ delayed jobs) are in Redis before Redis is scanned.
    await until(
      async () => {
        const fresh = (await redis.keys('*:delayed')).find((key) => !before.has(key));
        prefix = fresh?.split(':')[0] ?? null;
        return prefix !== null;
      },
      () => output,
    );
    return { output, redis: await dumpRedis(redis), files: filesOf(dataDir) };
  } finally {
    child.kill('SIGTERM');
    await exited;
    // This installation's keys (timers, rate limits) go with it.
    if (prefix !== null) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let run: Run;
beforeAll(async () => {
  run = await runApi();
}, 60_000);

describe('when a family’s personal data went through the API', () => {
  const everything = { ...SEARCHED, ...NEVER_IN_CLEAR };

  it.each(Object.entries(everything))('the log output never carries the %s', (_field, value) => {
    expect(run.output).not.toContain(value);
  });

  it.each(Object.entries(everything))('Redis keys and values never carry the %s', (_field, value) => {
    expect(run.redis).not.toContain(value);
  });

  it.each(Object.entries(NEVER_IN_CLEAR))('no file of the data dir carries the %s', (_field, value) => {
    for (const [name, bytes] of run.files)
      expect({ name, found: bytes.includes(value) }).toEqual({ name, found: false });
  });

  it('only the read models hold the searched name and id, and the event store holds neither', () => {
    const holders = (value: string) =>
      [...run.files].filter(([, bytes]) => bytes.includes(value)).map(([name]) => name);
    for (const value of Object.values(SEARCHED)) {
      expect(holders(value).every((name) => name.startsWith('read-models.sqlite'))).toBe(true);
      expect(holders(value)).not.toEqual([]);
    }
  });
});

function pick<T extends object, K extends keyof T>(object: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, object[key]])) as Pick<T, K>;
}

function filesOf(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
}

/** Every key of the shared Redis with its value, whatever its type (BullMQ keeps hashes, lists, sorted sets, streams). */
async function dumpRedis(redis: Redis): Promise<string> {
  const parts: string[] = [];
  for (const key of await redis.keys('*')) {
    const type = await redis.type(key);
    const value =
      type === 'string'
        ? await redis.get(key)
        : type === 'hash'
          ? await redis.hgetall(key)
          : type === 'list'
            ? await redis.lrange(key, 0, -1)
            : type === 'set'
              ? await redis.smembers(key)
              : type === 'zset'
                ? await redis.zrange(key, 0, -1, 'WITHSCORES')
                : type === 'stream'
                  ? await redis.xrange(key, '-', '+')
                  : null;
    parts.push(key, JSON.stringify(value));
  }
  return parts.join('\n');
}

async function until(condition: () => Promise<boolean>, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out; output so far:\n${output()}`);
}
