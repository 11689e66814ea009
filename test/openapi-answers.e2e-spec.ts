import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintEmbeddedToken, type DevTokenClaims } from '@leap/auth';
import { dropQueueKeys, eventually } from '../libs/follow-ups/src/testing/follow-up-test-env';
import { startEventStoreUnderTest, type EventStoreBackend } from './support/event-store-under-test';
import { daysAgo, identifyBody, registerVisitorBody } from './support/journey-fixtures';
import { DocumentedClient } from './support/openapi/documented-client';
import { fetchDocument, operationsOf, type OpenApiDocument } from './support/openapi/openapi-document';
import { ServerProcess } from './support/server-process';
import { TEST_SECRET } from './support/test-secret';

jest.setTimeout(30_000);

const REDIS_URL = 'redis://127.0.0.1:6379';
const LOGINS = {
  stateAdmin: { sub: 'oa-state-admin', role: 'admin' },
  coordinator: { sub: 'oa-coord', role: 'coordinator', districtId: 'd1' },
  team: { sub: 'oa-team', role: 'attendance_team', districtId: 'd1' },
  monitor: { sub: 'oa-monitor', role: 'fidelity_monitor', districtId: 'd1' },
  analyst: { sub: 'oa-analyst', role: 'state_analyst' },
} satisfies Record<string, DevTokenClaims>;

/**
 * Real answers of the built API against its own OpenAPI document: one family's journey, the errors a
 * newcomer meets, and every role's reads. Each answer's status must be documented for its route, and
 * its body must match the documented schema exactly (no undocumented field; for a problem, a `code`
 * the route lists for that status).
 */
describe('when the API answers, it answers as its OpenAPI document says', () => {
  let backend: EventStoreBackend;
  let server: ServerProcess;
  let dataDir: string;
  let document: OpenApiDocument;
  const prefix = `leap-oa-${randomUUID().slice(0, 8)}`;
  const as = {} as Record<keyof typeof LOGINS | 'anonymous', DocumentedClient>;
  const ids = { visitorId: '', partnerId: '', caseId: '' };

  beforeAll(async () => {
    backend = await startEventStoreUnderTest();
    dataDir = mkdtempSync(join(tmpdir(), 'leap-oa-'));
    server = await ServerProcess.start({
      EVENTSTORE_CONNECTION_STRING: '',
      LEAP_DATA_DIR: dataDir,
      ...backend.env,
      LEAP_QUEUE_PREFIX: prefix,
      REDIS_URL,
      LEAP_FOLLOW_UP_WORKERS: 'on',
    });
    document = await fetchDocument(server.baseUrl);
    const secret = new TextEncoder().encode(TEST_SECRET);
    for (const [name, claims] of Object.entries(LOGINS))
      as[name as keyof typeof LOGINS] = new DocumentedClient(
        server.baseUrl,
        document,
        await mintEmbeddedToken(secret, claims),
      );
    as.anonymous = new DocumentedClient(server.baseUrl, document, null);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await dropQueueKeys(REDIS_URL, prefix);
  });

  it('answers the probes without a token', async () => {
    await as.anonymous.get('/health');
    expect((await as.anonymous.get('/health/ready')).status).toBe(200);
  });

  it('registers the district and its schools, and refuses what the registry does not allow', async () => {
    const district = { districtId: 'd1', name: 'Hartford', regionId: 'CREC', timeZone: 'America/New_York' };
    expect((await as.stateAdmin.post('/v1/districts', { body: district })).status).toBe(201);
    expect((await as.stateAdmin.post('/v1/districts', { body: district, status: 409 })).body.code).toBe(
      'district_exists',
    );
    expect((await as.coordinator.post('/v1/districts', { body: district, status: 403 })).body.code).toBe(
      'role_not_allowed',
    );
    for (const schoolId of ['sch-1', 'sch-2'])
      await as.coordinator.post('/v1/districts/{districtId}/schools', {
        params: { districtId: 'd1' },
        body: { schoolId, name: `School ${schoolId}`, grades: ['6', '7', '8'] },
      });
    await as.stateAdmin.get('/v1/districts');
    await as.coordinator.get('/v1/districts/{districtId}', { params: { districtId: 'd1' } });
    const missing = await as.stateAdmin.get('/v1/districts/{districtId}', {
      params: { districtId: 'nowhere' },
      status: 404,
    });
    expect(missing.body.code).toBe('district_not_found');
    await as.team.get('/v1/districts/{districtId}/schools', { params: { districtId: 'd1' } });
    await as.coordinator.put('/v1/districts/{districtId}/settings', {
      params: { districtId: 'd1' },
      body: { allowUntrainedVisitors: false },
    });
    await as.coordinator.put('/v1/districts/{districtId}/follow-up-rules', {
      params: { districtId: 'd1' },
      body: { rules: { offer_consent: { after: 'PT1S', enabled: true } } },
    });
    await as.team.get('/v1/districts/{districtId}/follow-up-rules', { params: { districtId: 'd1' } });
  });

  it('registers visitors and a partner', async () => {
    const registered = await as.coordinator.post('/v1/visitors', {
      body: registerVisitorBody({ subject: 'oa-visitor' }),
    });
    ids.visitorId = registered.body.visitorId;
    await as.coordinator.post('/v1/visitors/{visitorId}/trainings', {
      params: { visitorId: ids.visitorId },
      body: { training: 'LEAP_101', completedOn: daysAgo(90) },
    });
    const taken = await as.coordinator.post('/v1/visitors', {
      body: registerVisitorBody({ subject: 'oa-visitor' }),
      status: 409,
    });
    expect(taken.body.code).toBe('subject_taken');
    await as.coordinator.get('/v1/visitors');
    await as.monitor.get('/v1/visitors/{visitorId}', { params: { visitorId: ids.visitorId } });
    const partner = await as.coordinator.post('/v1/partners', {
      body: {
        districtId: 'd1',
        name: 'Food bank',
        resourceTypes: ['food'],
        contact: { phone: '+1 860 555 0100' },
      },
    });
    ids.partnerId = partner.body.partnerId;
    await as.team.get('/v1/partners', { query: { resourceType: 'food' } });
    await as.team.get('/v1/partners/{partnerId}', { params: { partnerId: ids.partnerId } });
  });

  it('walks a family through the case commands, each answer as documented', async () => {
    const c = as.coordinator;
    const identified = await c.post('/v1/cases', { body: identifyBody() });
    expect(identified.status).toBe(201);
    const caseId: string = identified.body.caseId;
    ids.caseId = caseId;
    const on = { caseId };
    const read = await c.get('/v1/cases/{caseId}', { params: on });
    expect(read.headers.etag).toBe(`"${read.body.revision}"`);

    const early = await c.post('/v1/cases/{caseId}/visits', {
      params: on,
      body: { status: 'held', date: daysAgo(40), location: 'home', visitorIds: [ids.visitorId] },
      status: 409,
    });
    expect(early.body.code).toBe('consent_required');
    await c.post('/v1/cases/{caseId}/visitor-assignments', {
      params: on,
      body: { visitorIds: [ids.visitorId], assignedOn: daysAgo(50) },
    });
    await c.post('/v1/cases/{caseId}/consent-offers', {
      params: on,
      body: { offeredOn: daysAgo(49), channel: 'phone' },
    });
    await c.post('/v1/cases/{caseId}/consent-responses', {
      params: on,
      body: { respondedOn: daysAgo(48), decision: 'granted' },
    });
    await c.post('/v1/cases/{caseId}/visits', {
      params: on,
      body: {
        status: 'held',
        date: daysAgo(40),
        location: 'home',
        visitorIds: [ids.visitorId],
        strengths: ['warm'],
      },
    });
    const scheduled = await c.post('/v1/cases/{caseId}/visits', {
      params: on,
      body: { status: 'scheduled', date: daysAgo(-3), location: 'school', visitorIds: [ids.visitorId] },
    });
    await c.post('/v1/cases/{caseId}/visits/{visitId}/outcome', {
      params: { ...on, visitId: scheduled.body.visitId },
      body: { status: 'missed', date: daysAgo(1), reason: 'nobody home' },
    });
    const call = await c.post('/v1/cases/{caseId}/follow-up-calls', {
      params: on,
      body: { calledOn: daysAgo(30), outcome: 'reached', pii: { notes: 'call back Friday' } },
    });
    const referral = await c.post('/v1/cases/{caseId}/referrals', {
      params: on,
      body: { referredOn: daysAgo(20), resourceType: 'food', partnerId: ids.partnerId },
    });
    await c.post('/v1/cases/{caseId}/referrals/{referralId}/outcome', {
      params: { ...on, referralId: referral.body.referralId },
      body: { recordedOn: daysAgo(10), outcome: 'connected' },
    });
    await c.post('/v1/cases/{caseId}/attendance-checks', {
      params: on,
      body: { asOf: daysAgo(5), daysEnrolled: 40, daysAbsent: 3 },
    });
    await c.post('/v1/cases/{caseId}/entries/{entryId}/void', {
      params: { ...on, entryId: call.body.callId },
      body: { reason: 'wrong family' },
    });
    await c.post('/v1/cases/{caseId}/transfer', {
      params: on,
      body: { toSchoolId: 'sch-2', transferredOn: daysAgo(4) },
    });
    await c.post('/v1/cases/{caseId}/closure', {
      params: on,
      body: { closedOn: daysAgo(2), reason: 'moved' },
    });
    const closed = await c.post('/v1/cases/{caseId}/follow-up-calls', {
      params: on,
      body: { calledOn: daysAgo(1), outcome: 'reached' },
      status: 409,
    });
    expect(closed.body.code).toBe('case_closed');
    await c.post('/v1/cases/{caseId}/reopening', {
      params: on,
      body: { reopenedOn: daysAgo(1), reason: 'back' },
    });
    await c.post('/v1/partners/{partnerId}/deactivation', { params: { partnerId: ids.partnerId } });
  });

  it('answers the refusals a newcomer meets with documented codes', async () => {
    const c = as.coordinator;
    const on = { caseId: ids.caseId };
    expect(
      (await c.get('/v1/cases/{caseId}', { params: { caseId: 'no-such-case' }, status: 404 })).body.code,
    ).toBe('case_not_found');
    expect((await as.analyst.get('/v1/cases/{caseId}', { params: on, status: 403 })).body.code).toBe(
      'role_not_allowed',
    );
    const stale = await c.post('/v1/cases/{caseId}/closure', {
      params: on,
      body: { closedOn: daysAgo(0), reason: 'moved' },
      headers: { 'If-Match': '"0"' },
      status: 412,
    });
    expect(stale.body).toMatchObject({ code: 'revision_conflict', currentRevision: expect.any(Number) });
    const check = (daysAbsent: number) => ({
      params: on,
      body: { asOf: daysAgo(0), daysEnrolled: 45, daysAbsent },
      headers: { 'Idempotency-Key': `oa-${randomUUID()}` },
    });
    const first = check(3);
    await c.post('/v1/cases/{caseId}/attendance-checks', first);
    const reused = await c.post('/v1/cases/{caseId}/attendance-checks', {
      ...check(4),
      headers: first.headers,
      status: 422,
    });
    expect(reused.body.code).toBe('idempotency_key_reused');
    const invalid = await c.post('/v1/cases/{caseId}/closure', {
      params: on,
      body: { closedOn: 'soon' },
      status: 400,
    });
    expect(invalid.body).toMatchObject({ code: 'validation_failed', errors: expect.any(Array) });
    const broken = await c.post('/v1/cases/{caseId}/closure', {
      params: on,
      rawBody: '{"closedOn":',
      status: 400,
    });
    expect(broken.body.code).toBe('malformed_json');
    const text = await c.post('/v1/cases/{caseId}/closure', {
      params: on,
      rawBody: 'closed',
      headers: { 'content-type': 'text/plain' },
      status: 415,
    });
    expect(text.body.code).toBe('unsupported_media_type');
    const huge = await c.post('/v1/cases', {
      body: identifyBody({ pii: { address: 'x'.repeat(70_000) } }),
      status: 413,
    });
    expect(huge.body.code).toBe('payload_too_large');
    const getWithBody = await c.get('/v1/districts', { rawBody: '{"districtId":', status: 400 });
    expect(getWithBody.body.code).toBe('malformed_json');
  });

  it('lists, audits and works follow-ups as documented', async () => {
    const c = as.coordinator;
    const on = { caseId: ids.caseId };
    const { caseId } = (await c.post('/v1/cases', { body: identifyBody({ schoolId: 'sch-1' }) })).body;
    const item = await eventually(
      async () => {
        const page = await c.get('/v1/worklists', { query: { schoolId: 'sch-1' } });
        return page.body.items.find((entry: { caseId: string }) => entry.caseId === caseId);
      },
      { timeoutMs: 20_000, what: 'the follow-up on the worklist' },
    );
    const followUp = { caseId, followUpId: item.followUpId as string };
    await as.team.post('/v1/cases/{caseId}/follow-ups/{followUpId}/claim', { params: followUp });
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await as.team.post('/v1/cases/{caseId}/follow-ups/{followUpId}/snooze', {
      params: followUp,
      body: { until },
    });
    await as.team.post('/v1/cases/{caseId}/follow-ups/{followUpId}/complete', {
      params: followUp,
      body: { outcome: 'offered visits by phone' },
    });
    const again = await c.post('/v1/cases/{caseId}/follow-ups/{followUpId}/claim', {
      params: followUp,
      status: 409,
    });
    expect(again.body.code).toBe('follow_up_closed');

    const listed = await c.get('/v1/cases', { query: { limit: '1' } });
    await c.get('/v1/cases', {
      query: { minPosition: listed.body.position, cursor: listed.body.nextCursor },
    });
    await c.get('/v1/cases/{caseId}/history', { params: on });
    await c.get('/v1/cases/{caseId}/history', { params: on, query: { knownAt: new Date().toISOString() } });
    await c.get('/v1/cases/{caseId}/access-log', { params: on });
    await c.get('/v1/access-log', { query: { caseId: ids.caseId, limit: '5' } });
    const foreign = await c.get('/v1/access-log', { query: { districtId: 'd2' }, status: 403 });
    expect(foreign.body.code).toBe('out_of_scope');
  });

  it('shows roles without personal data only documented fields', async () => {
    const on = { caseId: ids.caseId };
    const read = await as.monitor.get('/v1/cases/{caseId}', { params: on });
    expect(read.body.pii).toBeUndefined();
    await as.monitor.get('/v1/cases/{caseId}/history', { params: on });
    await as.monitor.get('/v1/cases');
    await as.monitor.get('/v1/worklists', { query: { state: 'open' } });
    await as.monitor.get('/v1/visitors');
  });

  it('answers fidelity metrics and their series as documented', async () => {
    await as.monitor.get('/v1/fidelity');
    await as.monitor.get('/v1/fidelity', {
      query: { onDate: daysAgo(1), knownAt: new Date().toISOString() },
    });
    const series = { from: daysAgo(60), to: daysAgo(1), step: 'month' };
    await as.monitor.get('/v1/fidelity/series', { query: series });
    expect((await as.analyst.get('/v1/fidelity', { status: 403 })).body.code).toBe('role_not_allowed');
    expect(
      (await as.monitor.get('/v1/fidelity', { query: { regionId: 'nowhere' }, status: 404 })).body.code,
    ).toBe('region_not_found');
  });

  it('shows operators the read models and queues as documented', async () => {
    await as.stateAdmin.get('/v1/projections');
    await as.stateAdmin.get('/v1/queues');
    expect((await as.coordinator.get('/v1/queues', { status: 403 })).body.code).toBe('role_not_allowed');
  });

  it('takes district spending and previews, saves and reads allocations, as documented', async () => {
    const csv = [
      'district_id,district_name,resc_region,enrollment,attendance_rate,free_reduced_lunch_share,english_learner_share,remote_learning_share',
      'd1,Hartford,CREC,12000,91.4,58.2,17.5,12',
      'd7,Elsewhere,LEARN,4800,93.1,34,6.2,8.5',
    ].join('\n');
    const accepted = await as.stateAdmin.post('/v1/imports/{kind}', {
      params: { kind: 'district-profile' },
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
      status: 202,
    });
    await eventually(
      async () => {
        const params = { importId: accepted.body.importId };
        return (await as.stateAdmin.get('/v1/imports/{importId}', { params })).body.status !== 'running';
      },
      { what: 'the district profiles imported' },
    );
    const on = { districtId: 'd1' };
    const schoolYear = '2025-26';
    await as.coordinator.post('/v1/districts/{districtId}/expenditures', {
      params: on,
      body: { schoolYear, quarter: 1, category: 'training', amount: 40_000 },
    });
    await as.coordinator.post('/v1/districts/{districtId}/expenditures', {
      params: on,
      body: { schoolYear, quarter: 2, amount: 1 },
    });
    await as.monitor.get('/v1/districts/{districtId}/expenditures', { params: on });
    const foreign = await as.coordinator.get('/v1/districts/{districtId}/expenditures', {
      params: { districtId: 'd2' },
      status: 404,
    });
    expect(foreign.body.code).toBe('district_not_found');
    await as.team.post('/v1/districts/{districtId}/expenditures', {
      params: on,
      body: { schoolYear, quarter: 1, amount: 1 },
      status: 403,
    });
    const request = { total: 1_000_001, minimum: 200_000, maximum: 800_000 };
    const preview = await as.analyst.post('/v1/allocations/preview', { body: request });
    expect(
      preview.body.districts.map((d: { amount: number }) => d.amount).reduce((a: number, b: number) => a + b),
    ).toBe(1_000_001);
    await as.analyst.post('/v1/allocations/preview', { body: { ...request, total: 100 }, status: 422 });
    await as.coordinator.post('/v1/allocations/preview', { body: request, status: 403 });
    const saved = await as.stateAdmin.post('/v1/allocations', { body: request, status: 201 });
    await as.analyst.get('/v1/allocations/{allocationId}', {
      params: { allocationId: saved.body.allocationId },
    });
    await as.analyst.get('/v1/allocations');
    await as.analyst.get('/v1/allocations/{allocationId}', {
      params: { allocationId: 'unknown' },
      status: 404,
    });
  });

  it('answers 401 unauthenticated on every route that needs a token, as documented', async () => {
    const secured = operationsOf(document).filter(({ operation }) => (operation.security ?? []).length > 0);
    expect(secured.length).toBeGreaterThanOrEqual(40);
    for (const { method, path } of secured) {
      const params = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, 'x']));
      const answer = await as.anonymous.send(method.toUpperCase(), path, { params, status: 401 });
      expect([`${method} ${path}`, answer.body.code]).toEqual([`${method} ${path}`, 'unauthenticated']);
    }
  });
});
