import { randomUUID } from 'node:crypto';
import { buildMetadata, deterministicUuid } from '@leap/commands';
import { EMBEDDED_ISSUER } from '@leap/auth';
import { idempotentCommandId } from '@leap/http';
import type { Pseudonymize } from '@leap/domain';
import { PSEUDONYMIZE } from '@leap/privacy';
import { TestApi, coordinator, type Client } from './support/harness';
import {
  daysAgo,
  identifyBody,
  registerTrainedVisitor,
  registerVisitorBody,
} from './support/journey-fixtures';

describe('when visitors are registered, assigned to families and recorded at visits', () => {
  let api: TestApi;
  let coord: Client;
  let anaId: string;
  let benId: string;
  /** Registered and trained in d2. */
  let otherDistrictsVisitor: string;

  const historyOf = async (caseId: string, client = coord): Promise<{ type: string }[]> =>
    (await client.get(`/v1/cases/${caseId}/history`)).body.events;
  const consentingCase = async (client = coord, overrides: Record<string, unknown> = {}): Promise<string> => {
    const caseId = (await client.post('/v1/cases', identifyBody(overrides))).body.caseId;
    await client.post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(55), channel: 'phone' });
    await client.post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(54),
      decision: 'granted',
    });
    return caseId;
  };

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator('d1'));
    anaId = await registerTrainedVisitor(coord, { name: 'Ana Ruiz', subject: 'ana' });
    benId = await registerTrainedVisitor(coord, { name: 'Ben Ode', subject: 'ben' });
    otherDistrictsVisitor = await registerTrainedVisitor(api.as(coordinator('d2')), {
      name: 'Dee Park',
      districtId: 'd2',
    });
  });
  afterAll(() => api.stop());

  it('links a login to one visitor per district (409 subject_taken), even under simultaneous registrations', async () => {
    const taken = await coord.post(
      '/v1/visitors',
      registerVisitorBody({ name: 'Ana Other', subject: 'ana' }),
    );
    expect([taken.status, taken.body.code]).toEqual([409, 'subject_taken']);
    const names = (await coord.get('/v1/visitors')).body.visitors.map((v: { name: string }) => v.name);
    expect(names).not.toContain('Ana Other');
    const inD2 = await api
      .as(coordinator('d2'))
      .post('/v1/visitors', registerVisitorBody({ districtId: 'd2', subject: 'ana' }));
    expect(inD2.status).toBe(201);

    const racing = await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        coord.post('/v1/visitors', registerVisitorBody({ name: `Cara ${n}`, subject: 'cara' })),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const caras = (await coord.get('/v1/visitors')).body.visitors.filter(
      (v: { subject: string }) => v.subject === 'cara',
    );
    expect(caras).toHaveLength(1);
  });

  it('keeps the login of a registration cut short after its claim, and completes that registration when retried', async () => {
    // The claim a registration with this Idempotency-Key writes first, as if the process died right after it.
    const key = `register-dan-${randomUUID()}`;
    const commandId = idempotentCommandId(
      { issuer: EMBEDDED_ISSUER, sub: 'coord-d1', districtId: 'd1' },
      key,
    );
    const visitorId = deterministicUuid(commandId, 'visitor');
    const pseudonymize = api.app.get<Pseudonymize>(PSEUDONYMIZE);
    const store = api.openStore();
    try {
      const streamId = `visitorlogin-d1.${pseudonymize('subject', 'dan')}`;
      expect(streamId).not.toContain('dan');
      const context = {
        actor: { id: 'coord-d1', role: 'coordinator' },
        commandId,
        correlationId: commandId,
        causationId: commandId,
        receivedAt: new Date(),
      };
      await store.appendToStream(
        streamId,
        [
          {
            id: randomUUID(),
            type: 'VisitorLoginClaimed.v1',
            data: { districtId: 'd1', visitorId },
            metadata: buildMetadata(context, { districtId: 'd1', schoolId: null }, 'ClaimVisitorLogin'),
          },
        ],
        'no_stream',
      );
    } finally {
      await store.close();
    }
    const body = registerVisitorBody({ name: 'Dan Cole', subject: 'dan' });
    const other = await coord.post('/v1/visitors', { ...body, name: 'Dan Other' });
    expect([other.status, other.body.code]).toEqual([409, 'subject_taken']);
    const retried = await coord.post('/v1/visitors', body, { 'Idempotency-Key': key });
    expect([retried.status, retried.body.visitorId]).toEqual([201, visitorId]);
    expect((await coord.get(`/v1/visitors/${visitorId}`)).body).toMatchObject({
      name: 'Dan Cole',
      subject: 'dan',
    });
  });

  it('assigns only visitors registered in the case’s district (409 visitor_not_found), appending nothing', async () => {
    const caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId;
    for (const visitorIds of [['made-up'], [anaId, otherDistrictsVisitor]]) {
      const refused = await coord.post(`/v1/cases/${caseId}/visitor-assignments`, {
        visitorIds,
        assignedOn: daysAgo(50),
      });
      expect([refused.status, refused.body.code]).toEqual([409, 'visitor_not_found']);
    }
    expect((await historyOf(caseId)).map((e) => e.type)).toEqual(['StudentIdentified.v2']);
    const assigned = await coord.post(`/v1/cases/${caseId}/visitor-assignments`, {
      visitorIds: [anaId, benId],
      assignedOn: daysAgo(50),
    });
    expect(assigned.status).toBe(200);
  });

  it('assigns only visitors with LEAP_101 completed by the assignment date (409 visitor_not_trained), unless the district allows untrained visitors', async () => {
    // District d3, so its setting changes nothing for the other tests.
    const coordD3 = api.as(coordinator('d3'));
    const caseId = (await coordD3.post('/v1/cases', identifyBody({ districtId: 'd3' }))).body.caseId;
    const eve = (await coordD3.post('/v1/visitors', registerVisitorBody({ name: 'Eve', districtId: 'd3' })))
      .body.visitorId;
    const assign = (assignedOn: string) =>
      coordD3.post(`/v1/cases/${caseId}/visitor-assignments`, { visitorIds: [eve], assignedOn });
    const untrained = await assign(daysAgo(50));
    expect([untrained.status, untrained.body.code]).toEqual([409, 'visitor_not_trained']);
    await coordD3.post(`/v1/visitors/${eve}/trainings`, { training: 'SAFETY', completedOn: daysAgo(70) });
    await coordD3.post(`/v1/visitors/${eve}/trainings`, { training: 'LEAP_101', completedOn: daysAgo(20) });
    expect((await assign(daysAgo(50))).body.code).toBe('visitor_not_trained');
    expect((await historyOf(caseId, coordD3)).map((e) => e.type)).toEqual(['StudentIdentified.v2']);
    expect((await assign(daysAgo(20))).status).toBe(200);

    const frank = (
      await coordD3.post('/v1/visitors', registerVisitorBody({ name: 'Frank', districtId: 'd3' }))
    ).body.visitorId;
    const settings = await coordD3.send<any>(
      'PUT',
      '/v1/districts/d3/settings',
      { allowUntrainedVisitors: true },
      {},
    );
    expect(settings.status).toBe(200);
    const allowed = await coordD3.post(`/v1/cases/${caseId}/visitor-assignments`, {
      visitorIds: [frank],
      assignedOn: daysAgo(10),
    });
    expect(allowed.status).toBe(200);
  });

  it('records held and scheduled visits only with visitors of the case’s district: made-up ids make no pair', async () => {
    const caseId = await consentingCase();
    const before = (await historyOf(caseId)).length;
    const held = await coord.post(`/v1/cases/${caseId}/visits`, {
      status: 'held',
      date: daysAgo(40),
      location: 'home',
      visitorIds: ['made-up-1', 'made-up-2'],
    });
    expect([held.status, held.body.code]).toEqual([409, 'visitor_not_found']);
    const scheduled = await coord.post(`/v1/cases/${caseId}/visits`, {
      status: 'scheduled',
      date: daysAgo(30),
      location: 'home',
      visitorIds: [anaId, otherDistrictsVisitor],
    });
    expect([scheduled.status, scheduled.body.code]).toEqual([409, 'visitor_not_found']);
    expect(await historyOf(caseId)).toHaveLength(before);

    const planned = await coord.post(`/v1/cases/${caseId}/visits`, {
      status: 'scheduled',
      date: daysAgo(30),
      location: 'home',
      visitorIds: [anaId, benId],
    });
    expect(planned.status).toBe(201);
    const outcome = `/v1/cases/${caseId}/visits/${planned.body.visitId}/outcome`;
    const madeUp = await coord.post(outcome, {
      status: 'held',
      date: daysAgo(30),
      location: 'home',
      visitorIds: [anaId, 'made-up-1'],
    });
    expect([madeUp.status, madeUp.body.code]).toEqual([409, 'visitor_not_found']);
    const pair = await coord.post(outcome, {
      status: 'held',
      date: daysAgo(30),
      location: 'home',
      visitorIds: [anaId, benId],
    });
    expect(pair.status).toBe(200);
    expect((await coord.get(`/v1/cases/${caseId}`)).body.visits).toEqual([
      expect.objectContaining({ number: 1, pair: true, visitorIds: [anaId, benId] }),
    ]);
  });

  it('shows fidelity monitors visitors without their login subjects, linkable to the cases they visit', async () => {
    const monitor = api.as({ sub: 'fm', role: 'fidelity_monitor', districtId: 'd1' });
    const listed = await monitor.get('/v1/visitors');
    expect(listed.status).toBe(200);
    const ana = listed.body.visitors.find((v: { visitorId: string }) => v.visitorId === anaId);
    expect(ana).toMatchObject({ name: 'Ana Ruiz', subject: expect.stringMatching(/^usr_[0-9a-f]{20}$/) });
    const one = await monitor.get(`/v1/visitors/${anaId}`);
    expect(one.body.subject).toBe(ana.subject);
    for (const shown of [listed.body, one.body]) {
      for (const login of ['"ana"', '"ben"', '"cara"', '"dan"'])
        expect(JSON.stringify(shown)).not.toContain(login);
    }
    expect((await coord.get(`/v1/visitors/${anaId}`)).body.subject).toBe('ana');

    const caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId;
    await coord.post(`/v1/cases/${caseId}/visitor-assignments`, {
      visitorIds: [anaId],
      assignedOn: daysAgo(50),
    });
    const history = (await monitor.get(`/v1/cases/${caseId}/history`)).body.events;
    const assignment = history.find((e: { type: string }) => e.type === 'VisitorsAssigned.v1');
    expect(assignment.data.visitors).toEqual([{ visitorId: anaId, subject: ana.subject }]);
  });
});
