import type { DevTokenClaims } from '@leap/auth';
import { STATE_ADMIN, TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';

const login = {
  stateAdmin: STATE_ADMIN,
  districtAdmin: { sub: 'admin-d1', role: 'admin', districtId: 'd1' },
  coordinatorD1: coordinator('d1'),
  coordinatorD2: coordinator('d2'),
  team: { sub: 'team-1', role: 'attendance_team', districtId: 'd1', schoolIds: ['sch-1'] },
  visitor: { sub: 'ana', role: 'home_visitor', districtId: 'd1' },
  monitor: { sub: 'fm', role: 'fidelity_monitor', districtId: 'd1' },
  analyst: { sub: 'sa', role: 'state_analyst' },
} satisfies Record<string, DevTokenClaims>;

const busPasses = {
  districtId: 'd1',
  name: 'City bus pass program',
  resourceTypes: ['transportation'],
  languages: ['en', 'es'],
  contact: { phone: '+1 860 555 0100', url: 'https://bus.example.org' },
};

describe('when districts keep a directory of community partners', () => {
  let api: TestApi;
  let buses: string;
  let pantry: string;
  const as = (claims: DevTokenClaims): Client => api.as(claims);
  const partnerIds = (response: { body: { partners: { partnerId: string }[] } }) =>
    response.body.partners.map((p) => p.partnerId);

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(() => api.stop());

  it('registers partners as coordinators and admins (201 with the partner’s id)', async () => {
    const created = await as(login.coordinatorD1).post('/v1/partners', busPasses);
    expect([created.status, created.body]).toEqual([
      201,
      { partnerId: expect.any(String), active: true, revision: 0, position: expect.any(String) },
    ]);
    buses = created.body.partnerId;
    pantry = (
      await as(login.districtAdmin).post('/v1/partners', {
        districtId: 'd1',
        name: 'Food pantry',
        resourceTypes: ['food', 'clothing'],
      })
    ).body.partnerId;
    const byState = await as(login.stateAdmin).post('/v1/partners', {
      ...busPasses,
      districtId: 'd2',
      name: 'Bridgeport transit',
    });
    expect(byState.status).toBe(201);
    expect((await as(login.coordinatorD1).get(`/v1/partners/${buses}`)).body).toEqual({
      ...busPasses,
      partnerId: buses,
      active: true,
    });
  });

  it('refuses partners to other roles (403), another district (403) and an unknown district (404)', async () => {
    for (const claims of [login.team, login.visitor, login.monitor, login.analyst]) {
      const response = await as(claims).post('/v1/partners', busPasses);
      expect([claims.sub, response.status, response.body.code]).toEqual([
        claims.sub,
        403,
        'role_not_allowed',
      ]);
    }
    const outside = await as(login.coordinatorD2).post('/v1/partners', busPasses);
    expect([outside.status, outside.body.code]).toEqual([403, 'out_of_scope']);
    const unknown = await as(login.stateAdmin).post('/v1/partners', { ...busPasses, districtId: 'nowhere' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'district_not_found']);
    const invalid = await as(login.coordinatorD1).post('/v1/partners', {
      ...busPasses,
      resourceTypes: ['rides'],
      contact: { phone: 'call Mr. Park', url: 'not a url' },
    });
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'contact.phone',
      'contact.url',
      'resourceTypes',
    ]);
  });

  it('lists a district’s partners to every role in it, by resource type; state-wide logins name the district', async () => {
    for (const claims of [
      login.coordinatorD1,
      login.districtAdmin,
      login.team,
      login.visitor,
      login.monitor,
    ]) {
      const listed = await as(claims).get('/v1/partners');
      expect([claims.sub, partnerIds(listed)]).toEqual([claims.sub, [buses, pantry]]);
    }
    expect(partnerIds(await as(login.visitor).get('/v1/partners?resourceType=food'))).toEqual([pantry]);
    expect(partnerIds(await as(login.analyst).get('/v1/partners?districtId=d1'))).toEqual([buses, pantry]);
    const unnamed = await as(login.stateAdmin).get('/v1/partners');
    expect([unnamed.status, unnamed.body.code]).toEqual([403, 'district_required']);
    const otherDistrict = await as(login.coordinatorD2).get('/v1/partners?districtId=d1');
    expect([otherDistrict.status, otherDistrict.body.code]).toEqual([404, 'district_not_found']);
    expect((await as(login.coordinatorD2).get(`/v1/partners/${buses}`)).body.code).toBe('partner_not_found');
    expect((await as(login.visitor).get('/v1/partners?resourceType=rides')).status).toBe(400);
  });

  describe('a family referred to a partner', () => {
    let caseId: string;
    const coord = () => as(login.coordinatorD1);
    const refer = (body: Record<string, unknown>) =>
      coord().post(`/v1/cases/${caseId}/referrals`, { referredOn: daysAgo(30), ...body });
    const historyOf = async (): Promise<{ type: string }[]> =>
      (await coord().get(`/v1/cases/${caseId}/history`)).body.events;

    beforeAll(async () => {
      caseId = (await coord().post('/v1/cases', identifyBody())).body.caseId;
      await coord().post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(50), channel: 'phone' });
      await coord().post(`/v1/cases/${caseId}/consent-responses`, {
        respondedOn: daysAgo(49),
        decision: 'granted',
      });
    });

    it('records the partner and the notes; monitors see the partner and never the notes', async () => {
      const referred = await refer({
        resourceType: 'transportation',
        partnerId: buses,
        pii: { notes: 'Mr. Park needs a pass for the 7:10 bus' },
      });
      expect(referred.status).toBe(201);
      const shown = (await coord().get(`/v1/cases/${caseId}`)).body.referrals;
      expect(shown).toEqual([
        expect.objectContaining({
          referralId: referred.body.referralId,
          resourceType: 'transportation',
          partnerId: buses,
          pii: { notes: 'Mr. Park needs a pass for the 7:10 bus' },
          outcome: null,
        }),
      ]);
      const monitor = as(login.monitor);
      const read = await monitor.get(`/v1/cases/${caseId}`);
      expect(read.body.referrals).toEqual([
        expect.objectContaining({ partnerId: buses, resourceType: 'transportation' }),
      ]);
      const history = await monitor.get(`/v1/cases/${caseId}/history`);
      expect(history.body.events.map((e: { type: string }) => e.type)).toContain('ResourceReferred.v2');
      for (const body of [read.body, history.body]) expect(JSON.stringify(body)).not.toContain('Park');
    });

    it('refers to a resource type before a partner is chosen', async () => {
      const referred = await refer({ resourceType: 'housing' });
      expect(referred.status).toBe(201);
      const shown = (await coord().get(`/v1/cases/${caseId}`)).body.referrals;
      expect(shown.at(-1)).toMatchObject({ resourceType: 'housing', partnerId: null });
    });

    it('refuses an unknown, inactive or other-district partner (409 partner_not_found) and appends nothing', async () => {
      const otherDistricts = (await as(login.coordinatorD2).get('/v1/partners')).body.partners[0].partnerId;
      const closing = (
        await coord().post('/v1/partners', {
          districtId: 'd1',
          name: 'Closing clinic',
          resourceTypes: ['health'],
        })
      ).body.partnerId;
      const deactivated = await coord().post(`/v1/partners/${closing}/deactivation`, undefined);
      expect([deactivated.status, deactivated.body.active]).toEqual([200, false]);
      const before = (await historyOf()).length;
      for (const [partnerId, resourceType] of [
        ['no-such-partner', 'transportation'],
        [closing, 'health'],
        [otherDistricts, 'transportation'],
      ]) {
        const refused = await refer({ resourceType, partnerId });
        expect([partnerId, refused.status, refused.body.code]).toEqual([partnerId, 409, 'partner_not_found']);
      }
      expect(await historyOf()).toHaveLength(before);
    });

    it('refuses a partner that does not offer the resource type (409 resource_type_not_offered)', async () => {
      const refused = await refer({ resourceType: 'food', partnerId: buses });
      expect([refused.status, refused.body.code]).toEqual([409, 'resource_type_not_offered']);
    });

    it('no longer takes a free-text partner (400)', async () => {
      const refused = await refer({ resourceType: 'transportation', partner: 'Dr. Smith for Mr. Park' });
      expect([refused.status, refused.body.errors]).toEqual([
        400,
        [expect.objectContaining({ path: 'partner' })],
      ]);
    });
  });

  it('deactivates partners as coordinators and admins of their district; they stay in the directory, inactive', async () => {
    for (const claims of [login.team, login.visitor, login.monitor]) {
      const response = await as(claims).post(`/v1/partners/${pantry}/deactivation`, undefined);
      expect([claims.sub, response.status]).toEqual([claims.sub, 403]);
    }
    const outside = await as(login.coordinatorD2).post(`/v1/partners/${pantry}/deactivation`, undefined);
    expect([outside.status, outside.body.code]).toEqual([404, 'partner_not_found']);
    expect(
      (await as(login.districtAdmin).post(`/v1/partners/${pantry}/deactivation`, undefined)).status,
    ).toBe(200);
    expect(
      (await as(login.coordinatorD1).post(`/v1/partners/${pantry}/deactivation`, undefined)).status,
    ).toBe(200);
    const listed = (await as(login.visitor).get('/v1/partners?resourceType=food')).body.partners;
    expect(listed).toEqual([expect.objectContaining({ partnerId: pantry, active: false })]);
    expect(partnerIds(await as(login.visitor).get('/v1/partners?resourceType=food&active=true'))).toEqual([]);
  });
});
