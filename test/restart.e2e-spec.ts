import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintEmbeddedToken } from '@leap/auth';
import { Client, TEST_SECRET, coordinator } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';
import { startEventStoreUnderTest } from './support/event-store-under-test';
import { seedRegistry } from './support/registry-seed';
import { ServerProcess } from './support/server-process';

describe('when the API process crashes and a fresh process starts on the same data dir', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leap-restart-'));
  const token = mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), coordinator());
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('still has every acknowledged command', async () => {
    const backend = await startEventStoreUnderTest();
    const env = { LEAP_DATA_DIR: dataDir, ...backend.env };
    const first = await ServerProcess.start(env);
    await seedRegistry(first.baseUrl);
    const before = new Client(first.baseUrl, token);
    const caseId = (await before.post('/v1/cases', identifyBody())).body.caseId;
    await before.post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(10), channel: 'letter' });
    const acknowledged = await before.post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(9),
      decision: 'granted',
    });
    expect(acknowledged.status).toBe(200);
    await first.stop('SIGKILL');

    const second = await ServerProcess.start(env);
    try {
      const after = await new Client(second.baseUrl, token).get(`/v1/cases/${caseId}`);
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ caseId, consent: 'granted', revision: 2 });
    } finally {
      await second.stop();
      await backend.stop();
    }
  }, 60_000);
});
