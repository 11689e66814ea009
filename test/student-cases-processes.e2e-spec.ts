import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintEmbeddedToken } from '@leap/auth';
import { Client, TEST_SECRET, coordinator } from './support/harness';
import { identifyBody, nextStudentId } from './support/journey-fixtures';
import {
  EVENT_STORE_UNDER_TEST,
  startEventStoreUnderTest,
  type EventStoreBackend,
} from './support/event-store-under-test';
import { seedRegistry } from './support/registry-seed';
import { ServerProcess } from './support/server-process';

/**
 * Within one process, commands on one stream are serialised by a lock, so simultaneous
 * identifications there never really race. Two API processes on one event store do: only the
 * optimistic concurrency of the student's slot stream keeps them to one open case.
 */
describe('when two API processes identify the same student at the same time', () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'leap-race-a-')), mkdtempSync(join(tmpdir(), 'leap-race-b-'))];
  let backend: EventStoreBackend;
  let servers: ServerProcess[] = [];
  let clients: Client[] = [];

  beforeAll(async () => {
    backend = await startEventStoreUnderTest();
    // Embedded: one events file shared by both processes (the second keeps no read models).
    // EventStoreDB: one server, a data dir each.
    const shared = EVENT_STORE_UNDER_TEST === 'sqlite';
    servers = await Promise.all([
      ServerProcess.start({ LEAP_DATA_DIR: dirs[0]!, ...backend.env }),
      ServerProcess.start({
        LEAP_DATA_DIR: shared ? dirs[0]! : dirs[1]!,
        ...(shared ? { LEAP_PROJECTIONS: 'off' } : {}),
        ...backend.env,
      }),
    ]);
    await seedRegistry(servers[0]!.baseUrl);
    const token = mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), coordinator());
    clients = servers.map((server) => new Client(server.baseUrl, token));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await backend?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('opens exactly one case, whichever process wins', async () => {
    for (let round = 0; round < 3; round++) {
      const studentId = nextStudentId();
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) => clients[i % 2]!.post('/v1/cases', identifyBody({ studentId }))),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, ...Array(7).fill(409)]);
      for (const refused of responses.filter((response) => response.status === 409))
        expect(refused.body.code).toBe('case_already_open');
    }
  }, 60_000);
});
