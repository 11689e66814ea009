import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintEmbeddedToken, type DevTokenClaims } from '@leap/auth';
import { createEventStore, type EventStore } from '@leap/event-store';
import { openApplicationEventStore } from '@leap/privacy';
import { TimerNamespace } from '@leap/follow-ups';
import { redisUrl } from '@leap/health';
import { dropQueueKeys } from '../../libs/follow-ups/src/testing/follow-up-test-env';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { startEventStoreUnderTest, type EventStoreBackend } from './event-store-under-test';
import { DEFAULT_REGISTRY, seedRegistry, type RegistrySeed } from './registry-seed';
import { TEST_SECRET } from './test-secret';

export { TEST_SECRET };
export { STATE_ADMIN, withDistricts } from './registry-seed';

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A real API listening on a random port: the whole application module, a temp data dir, real Redis,
 * and the event store under test (embedded SQLite, or the EventStoreDB adapter against the double).
 */
export class TestApi {
  private constructor(
    readonly app: INestApplication,
    readonly baseUrl: string,
    readonly dataDir: string,
    readonly backend: EventStoreBackend,
  ) {}

  /**
   * Starts the API and seeds the registry as a state-wide admin (`DEFAULT_REGISTRY`: districts d1-d3
   * with the schools the suites use), so suites can identify students right away. `registry:
   * 'empty'` starts with no district at all.
   */
  static async start({
    dataDir,
    registry = DEFAULT_REGISTRY,
  }: { dataDir?: string; registry?: RegistrySeed | 'empty' } = {}): Promise<TestApi> {
    // A data dir this call creates is removed again if the start fails; one the caller made is theirs.
    const created = dataDir === undefined || !existsSync(dataDir);
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'leap-e2e-'));
    let backend: EventStoreBackend | undefined;
    let app: INestApplication | undefined;
    try {
      backend = await startEventStoreUnderTest();
      process.env.LEAP_DATA_DIR = dir;
      process.env.LEAP_JWT_SECRET = TEST_SECRET;
      delete process.env.EVENTSTORE_CONNECTION_STRING;
      delete process.env.LEAP_KEYSTORE_URL;
      Object.assign(process.env, backend.env);
      const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
      app = configureApp(
        moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] }),
      );
      await app.listen(0, '127.0.0.1');
      const api = new TestApi(app, (await app.getUrl()).replace('[::1]', '127.0.0.1'), dir, backend);
      if (registry !== 'empty') await seedRegistry(api.baseUrl, registry);
      return api;
    } catch (error) {
      await app?.close().catch(() => undefined);
      await backend?.stop().catch(() => undefined);
      if (created) rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  async stop({ keepData = false } = {}): Promise<void> {
    // Timer keys under the prefix derived from this installation's id belong to this test API alone
    // (a prefix a suite chose itself is that suite's to drop): leave nothing behind in a shared Redis.
    const derived = process.env.LEAP_QUEUE_PREFIX
      ? null
      : await this.app
          .get(TimerNamespace)
          .resolve()
          .then(({ prefix }) => prefix)
          .catch(() => null);
    await this.app.close();
    await this.backend.stop();
    // Its key store's database is gone: nothing started later in this file may inherit its URL.
    delete process.env.LEAP_KEYSTORE_URL;
    if (derived) await dropQueueKeys(redisUrl(), derived);
    if (!keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /**
   * Another connection to the same event store, as a second process of the application (an
   * importer, a worker) would open it: older versions read as current ones, like the API reads them.
   */
  openStore(): EventStore {
    return openApplicationEventStore({ LEAP_DATA_DIR: this.dataDir, ...this.backend.env });
  }

  /** The store's adapter alone: events exactly as stored (to plant what earlier versions wrote, or check what is at rest). */
  openRawStore(): EventStore {
    return createEventStore({ LEAP_DATA_DIR: this.dataDir, ...this.backend.env });
  }

  /** The global position of the store's last event (null when empty): to check a request appended nothing. */
  async storeHead(): Promise<string | null> {
    const store = this.openStore();
    try {
      return (await store.readAll()).at(-1)?.position ?? null;
    } finally {
      await store.close();
    }
  }

  as(claims: DevTokenClaims): Client {
    return new Client(this.baseUrl, mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), claims));
  }

  anonymous(): Client {
    return new Client(this.baseUrl, Promise.resolve(null));
  }
}

export class Client {
  constructor(
    private readonly baseUrl: string,
    private readonly token: Promise<string | null>,
  ) {}

  get<T = any>(path: string, headers: Record<string, string> = {}): Promise<Response<T>> {
    return this.send('GET', path, undefined, headers);
  }

  /** A GET whose body is not one JSON document (NDJSON, CSV): answered as text. */
  async getText(path: string): Promise<{ status: number; text: string; headers: Headers }> {
    const token = await this.token;
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  post<T = any>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    return this.send('POST', path, body, headers);
  }

  async send<T>(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<Response<T>> {
    const token = await this.token;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }
}

/** Roles used across the suites; each is a login of district d1 unless said otherwise. */
export const coordinator = (districtId = 'd1'): DevTokenClaims => ({
  sub: `coord-${districtId}`,
  role: 'coordinator',
  districtId,
});
