import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseSummariesProjection } from '@leap/case-summaries';
import { KEY_STORE, PII_CIPHER, type KeyStore, type PiiCipher } from '@leap/privacy';
import { ReadModels, rebuildProjection } from '@leap/projections';
import { worklistsProjection } from '@leap/worklists';
import {
  dropQueueKeys,
  eventually,
  followUpTestEnv,
  onlyRules,
} from '../libs/follow-ups/src/testing/follow-up-test-env';
import { TestApi, coordinator, type Client } from './support/harness';
import { identifyBody } from './support/journey-fixtures';

jest.setTimeout(30_000);

/** Distinctive enough that finding it anywhere means it leaked. */
const NAME = 'Quintessa Vandermolen';
const GUARDIAN = 'Ottoline Vandermolen';
const NOTES = 'kitchen table, grandmother Philippa present';

describe('when personal data is recorded, it is stored sealed and opened only for roles that see it', () => {
  let env: ReturnType<typeof followUpTestEnv>;
  let api: TestApi;
  let coord: Client;
  let monitor: Client;
  let cipher: PiiCipher;
  let caseId: string;
  let latest = '0';

  const send = async (path: string, body: unknown) => {
    const response = await coord.post(path, body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    latest = response.body.position ?? latest;
    return response.body;
  };
  const listCases = (client: Client, query: Record<string, string> = {}) =>
    client.get(`/v1/cases?${new URLSearchParams({ minPosition: latest, ...query })}`);
  const worklist = (client: Client) =>
    client.get(`/v1/worklists?${new URLSearchParams({ minPosition: latest })}`);

  /** Everything the event store holds, as bytes the way it keeps them: the SQLite files, or the double's log. */
  async function rawStore(): Promise<string> {
    const double = api.backend.double;
    if (double) return double.log.all.map((event) => Buffer.from(event.data).toString('latin1')).join('\n');
    const file = join(api.dataDir, 'events.sqlite');
    if (existsSync(file)) {
      return ['', '-wal']
        .filter((suffix) => existsSync(file + suffix))
        .map((suffix) => readFileSync(file + suffix).toString('latin1'))
        .join('\n');
    }
    const store = api.openRawStore();
    try {
      return JSON.stringify(await store.readAll({ maxCount: 100_000 }));
    } finally {
      await store.close();
    }
  }

  beforeAll(async () => {
    env = followUpTestEnv();
    api = await TestApi.start();
    coord = api.as(coordinator());
    monitor = api.as({ sub: 'fm-1', role: 'fidelity_monitor', districtId: 'd1' });
    cipher = api.app.get<PiiCipher>(PII_CIPHER, { strict: false });
    await coord.send('PUT', '/v1/districts/d1/follow-up-rules', onlyRules({ first_visit: 'PT1S' }), {});
    const body = identifyBody({ pii: { studentName: NAME, guardianName: GUARDIAN, address: '9 Wren Rd' } });
    caseId = (await send('/v1/cases', body)).caseId;
    await send(`/v1/cases/${caseId}/consent-offers`, { offeredOn: body.identifiedOn, channel: 'phone' });
    await send(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: body.identifiedOn,
      decision: 'granted',
    });
    await send(`/v1/cases/${caseId}/follow-up-calls`, {
      calledOn: body.identifiedOn,
      outcome: 'reached',
      pii: { notes: NOTES },
    });
    await eventually(async () => (await worklist(coord)).body.items?.length > 0, {
      what: 'the first_visit follow-up to be raised',
    });
  });
  afterAll(async () => {
    await api.stop();
    await dropQueueKeys(env.redisUrl, env.prefix);
  });

  it('keeps no name, guardian or note in the event store', async () => {
    const raw = await rawStore();
    expect(raw).toContain(caseId);
    for (const secret of [NAME, GUARDIAN, 'Philippa', 'Wren']) expect(raw).not.toContain(secret);
    expect(raw).toContain('aes-256-gcm/v1');
  });

  it('shows coordinators the name, notes and history in clear, and finds the case by name', async () => {
    const view = await coord.get(`/v1/cases/${caseId}`);
    expect(view.body.pii).toMatchObject({ studentName: NAME, guardianName: GUARDIAN });
    expect(view.body.followUpCalls[0].pii).toEqual({ notes: NOTES });
    const history = await coord.get(`/v1/cases/${caseId}/history`);
    expect(history.body.events[0].data.pii).toMatchObject({ studentName: NAME });
    const found = await listCases(coord, { q: 'vandermolen' });
    expect(found.body.items.map((item: { caseId: string }) => item.caseId)).toEqual([caseId]);
    expect(found.body.items[0].studentName).toBe(NAME);
    const item = (await worklist(coord)).body.items.find((i: { caseId: string }) => i.caseId === caseId);
    expect(item.studentName).toBe(NAME);
  });

  it('shows fidelity monitors no personal data, and their reads open nothing', async () => {
    const open = jest.spyOn(cipher, 'open');
    try {
      const answers = [
        await monitor.get(`/v1/cases/${caseId}`),
        await monitor.get(`/v1/cases/${caseId}/history`),
        await listCases(monitor),
        await worklist(monitor),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        const text = JSON.stringify(answer.body);
        for (const secret of [NAME, 'Vandermolen', 'Philippa', '$sealed']) expect(text).not.toContain(secret);
      }
      expect(open).not.toHaveBeenCalled();
    } finally {
      open.mockRestore();
    }
  });

  describe('once the case’s key is destroyed', () => {
    beforeAll(async () => {
      const keys = api.app.get<KeyStore>(KEY_STORE, { strict: false });
      expect(await keys.destroy([`case-${caseId}`])).toBe(1);
      cipher.forget([`case-${caseId}`]);
    });

    it('reads the case and its history with its personal data erased, never an error', async () => {
      const view = await coord.get(`/v1/cases/${caseId}`);
      expect(view.status).toBe(200);
      expect(view.body.pii).toEqual({ erased: true });
      expect(view.body.followUpCalls[0].pii).toEqual({ erased: true });
      expect(view.body.consent).toBe('granted');
      const history = await coord.get(`/v1/cases/${caseId}/history`);
      expect(history.status).toBe(200);
      expect(history.body.events[0].data.pii).toEqual({ erased: true });
      expect((await monitor.get(`/v1/cases/${caseId}`)).status).toBe(200);
    });

    it('refuses new personal data for the family with 409 family_data_erased, and appends nothing', async () => {
      const before = await api.storeHead();
      const answer = await coord.post(`/v1/cases/${caseId}/follow-up-calls`, {
        calledOn: identifyBody().identifiedOn,
        outcome: 'reached',
        pii: { notes: 'again' },
      });
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('family_data_erased');
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(await api.storeHead()).toBe(before);
    });

    it('keeps the case list and worklists working, and rebuilds them without the name', async () => {
      expect((await listCases(coord)).status).toBe(200);
      expect((await worklist(coord)).status).toBe(200);
      const readModels = ReadModels.open(join(api.dataDir, 'read-models.sqlite'));
      const store = api.openStore();
      try {
        for (const projection of [caseSummariesProjection, worklistsProjection]) {
          const rebuilt = await rebuildProjection(readModels, store, projection, { pii: cipher });
          expect(rebuilt.swapped).toBe(true);
          latest = rebuilt.position ?? latest;
        }
      } finally {
        await store.close();
        readModels.close();
      }
      const listed = await listCases(coord);
      const summary = listed.body.items.find((i: { caseId: string }) => i.caseId === caseId);
      expect(summary).toMatchObject({ caseId, studentName: null, stage: 'consented' });
      expect((await listCases(coord, { q: 'vandermolen' })).body.items).toEqual([]);
      const item = (await worklist(coord)).body.items.find((i: { caseId: string }) => i.caseId === caseId);
      expect(item).toMatchObject({ caseId, studentName: null });
    });
  });
});
