import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { caseSummariesProjection } from '@leap/case-summaries';
import { buildMetadata } from '@leap/commands';
import { PII_CIPHER, type PiiCipher } from '@leap/privacy';
import { ReadModels, rebuildProjection } from '@leap/projections';
import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';

/** What people wrote into the free-text partner of referrals before the partner directory. */
const LEGACY_PARTNER = 'Dr. Smith at Hartford Behavioral Health for Mr. Park';

/**
 * A store written by an earlier version holds `ResourceReferred.v1` with a free-text `partner`. Every
 * reader sees it as `ResourceReferred.v2`: the text in `pii.notes`, no directory partner.
 */
describe('when the store holds a referral written before the partner directory', () => {
  let api: TestApi;
  let coord: Client;
  let caseId: string;
  let studentId: string;
  const referralId = randomUUID();
  let legacy: { revision: number; position: string; recordedAt: string };

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    const body = identifyBody();
    studentId = body.studentId;
    caseId = (await coord.post('/v1/cases', body)).body.caseId;
    await coord.post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(50), channel: 'phone' });
    const granted = await coord.post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(49),
      decision: 'granted',
    });

    const store = api.openStore();
    try {
      const commandId = randomUUID();
      const context = {
        actor: { id: 'ana', role: 'home_visitor' },
        commandId,
        correlationId: commandId,
        causationId: commandId,
        receivedAt: new Date(),
      };
      const appended = await store.appendToStream(
        `case-${caseId}`,
        [
          {
            id: randomUUID(),
            type: 'ResourceReferred.v1',
            data: {
              referralId,
              referredOn: daysAgo(40),
              resourceType: 'mental_health',
              partner: LEGACY_PARTNER,
              recordedBy: 'ana',
            },
            metadata: buildMetadata(context, { districtId: 'd1', schoolId: 'sch-1' }, 'ReferResource'),
          },
        ],
        BigInt(granted.body.revision),
      );
      const [stored] = await store.readStream(`case-${caseId}`, { direction: 'backwards', maxCount: 1 });
      legacy = {
        revision: Number(appended.nextRevision),
        position: appended.position,
        recordedAt: stored!.recordedAt,
      };
    } finally {
      await store.close();
    }
  });
  afterAll(() => api.stop());

  const summaryOf = async (minPosition: string) => {
    const listed = await coord.get(`/v1/cases?${new URLSearchParams({ q: studentId, minPosition })}`);
    expect(listed.status).toBe(200);
    return listed.body.items[0];
  };

  it('shows the referral in the case as a current one: the partner text as notes, no directory partner', async () => {
    const read = await coord.get(`/v1/cases/${caseId}`);
    expect(read.body.referrals).toEqual([
      {
        referralId,
        referredOn: daysAgo(40),
        resourceType: 'mental_health',
        partnerId: null,
        pii: { notes: LEGACY_PARTNER },
        outcome: null,
        outcomeRecordedOn: null,
      },
    ]);
  });

  it('brings the event into the case list', async () => {
    expect(await summaryOf(legacy.position)).toMatchObject({ caseId, revision: legacy.revision });
  });

  it('accepts commands on the legacy referral, and a history that shows it as ResourceReferred.v2', async () => {
    const outcome = await coord.post(`/v1/cases/${caseId}/referrals/${referralId}/outcome`, {
      recordedOn: daysAgo(30),
      outcome: 'connected',
    });
    expect(outcome.status).toBe(200);
    const history = (await coord.get(`/v1/cases/${caseId}/history`)).body;
    const referred = history.events.find((e: { revision: number }) => e.revision === legacy.revision);
    expect(referred).toMatchObject({
      type: 'ResourceReferred.v2',
      data: { referralId, partnerId: null, pii: { notes: LEGACY_PARTNER } },
      metadata: { actorId: 'ana', commandType: 'ReferResource' },
    });
    expect(history.state.referrals).toEqual([expect.objectContaining({ referralId, outcome: 'connected' })]);
    const asOf = encodeURIComponent(legacy.recordedAt);
    const earlier = (await coord.get(`/v1/cases/${caseId}/history?asOf=${asOf}`)).body;
    expect(earlier.state.referrals).toEqual([expect.objectContaining({ referralId, outcome: null })]);
    expect(await summaryOf(outcome.body.position)).toMatchObject({ revision: legacy.revision + 1 });
  });

  it('never shows the legacy partner text to fidelity monitors', async () => {
    const monitor = api.as({ sub: 'fm', role: 'fidelity_monitor', districtId: 'd1' });
    const read = await monitor.get(`/v1/cases/${caseId}`);
    expect(read.body.referrals).toEqual([
      expect.objectContaining({ referralId, resourceType: 'mental_health', partnerId: null }),
    ]);
    const history = await monitor.get(`/v1/cases/${caseId}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toContain('ResourceReferred.v2');
    for (const body of [read.body, history.body]) {
      expect(JSON.stringify(body)).not.toContain('Smith');
      expect(JSON.stringify(body)).not.toContain('Park');
    }
  });

  it('rebuilds the case list from the first event with the legacy referral in it', async () => {
    const before = await summaryOf(legacy.position);
    // The way `npm run leap -- projections rebuild` does it: its own connections, aside, then a swap.
    const readModels = ReadModels.open(join(api.dataDir, 'read-models.sqlite'));
    const store = api.openStore();
    try {
      const pii = api.app.get<PiiCipher>(PII_CIPHER, { strict: false });
      const rebuilt = await rebuildProjection(readModels, store, caseSummariesProjection, { pii });
      expect(rebuilt.swapped).toBe(true);
      expect(await summaryOf(rebuilt.position!)).toEqual(before);
      expect(before.revision).toBe(legacy.revision + 1);
    } finally {
      await store.close();
      readModels.close();
    }
  });
});
