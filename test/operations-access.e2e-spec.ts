import type { DevTokenClaims } from '@leap/auth';
import { TestApi, coordinator } from './support/harness';

/**
 * Queue and projection internals name cases and count work of every district: only state-wide
 * admins (a token without `districtId`) see them.
 */
describe('when someone asks for the operations endpoints', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(async () => {
    await api.stop();
  });

  const stateWideAdmin: DevTokenClaims = { sub: 'root', role: 'admin' };
  const districtScoped: [string, DevTokenClaims][] = [
    ['a district admin', { sub: 'admin-d1', role: 'admin', districtId: 'd1' }],
    ['a district coordinator', coordinator('d1')],
    ['a fidelity monitor', { sub: 'fm-d1', role: 'fidelity_monitor', districtId: 'd1' }],
    ['a state analyst', { sub: 'analyst', role: 'state_analyst' }],
  ];

  it('answers a state-wide admin', async () => {
    const queues = await api.as(stateWideAdmin).get('/v1/queues');
    expect(queues.status).toBe(200);
    expect(queues.body).toMatchObject({
      installationId: expect.any(String),
      queues: [
        { name: 'follow-ups', prefix: expect.any(String), counts: expect.any(Object) },
        { name: 'attendance-checks', prefix: expect.any(String), counts: expect.any(Object) },
      ],
      planning: { failingCases: 0, failures: 0, lastFailure: null },
    });
    const projections = await api.as(stateWideAdmin).get('/v1/projections');
    expect(projections.status).toBe(200);
    expect(projections.body.projections.length).toBeGreaterThan(0);
  });

  it.each(districtScoped)('refuses %s the job queues and the projections', async (_, claims) => {
    for (const path of ['/v1/queues', '/v1/projections']) {
      const answer = await api.as(claims).get(path);
      expect([path, answer.status, answer.body.code]).toEqual([path, 403, 'role_not_allowed']);
    }
  });
});
