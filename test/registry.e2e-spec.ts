import type { DevTokenClaims } from '@leap/auth';
import { DEFAULT_DISTRICT_SETTINGS } from '@leap/domain';
import { STATE_ADMIN, TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, registerVisitorBody } from './support/journey-fixtures';

/** Every kind of login the registry's scope rules tell apart. */
const login = {
  stateAdmin: STATE_ADMIN,
  districtAdmin: { sub: 'admin-d1', role: 'admin', districtId: 'd1' },
  coordinatorD1: coordinator('d1'),
  coordinatorD2: coordinator('d2'),
  schoolCoordinator: { sub: 'coord-sch-1', role: 'coordinator', districtId: 'd1', schoolIds: ['sch-1'] },
  team: { sub: 'team-1', role: 'attendance_team', districtId: 'd1', schoolIds: ['sch-1'] },
  visitor: { sub: 'ana', role: 'home_visitor', districtId: 'd1' },
  monitor: { sub: 'fm', role: 'fidelity_monitor', districtId: 'd1' },
  analyst: { sub: 'sa', role: 'state_analyst' },
} satisfies Record<string, DevTokenClaims>;

const hartford = {
  districtId: 'd1',
  name: 'Hartford',
  regionId: 'CREC',
  timeZone: 'America/New_York',
  settings: { allowUntrainedVisitors: false },
};
const school = (schoolId: string, name = `School ${schoolId}`) => ({
  schoolId,
  name,
  grades: ['6', '7', '8'],
});

describe('when the state registers districts and districts their schools', () => {
  let api: TestApi;
  const as = (claims: DevTokenClaims): Client => api.as(claims);
  const idsOf = (body: { districts?: { districtId: string }[]; schools?: { schoolId: string }[] }) =>
    (body.districts ?? []).map((d) => d.districtId).concat((body.schools ?? []).map((s) => s.schoolId));

  beforeAll(async () => {
    api = await TestApi.start({ registry: 'empty' });
  });
  afterAll(() => api.stop());

  it('registers a district as a state-wide admin (201), once (409 district_exists)', async () => {
    const created = await as(login.stateAdmin).post('/v1/districts', hartford);
    expect([created.status, created.body]).toEqual([
      201,
      { districtId: 'd1', revision: 0, position: expect.any(String) },
    ]);
    const again = await as(login.stateAdmin).post('/v1/districts', { ...hartford, name: 'Hartford Public' });
    expect([again.status, again.body.code]).toEqual([409, 'district_exists']);
    const second = await as(login.stateAdmin).post('/v1/districts', {
      districtId: 'd2',
      name: 'Bridgeport',
      regionId: 'CES',
      timeZone: 'America/New_York',
    });
    expect(second.status).toBe(201);
    expect((await as(login.stateAdmin).get('/v1/districts/d2')).body.settings).toEqual({
      ...DEFAULT_DISTRICT_SETTINGS,
      allowUntrainedVisitors: false,
      retention: null,
    });
  });

  it('refuses district registration to every other login (403) and records nothing', async () => {
    for (const claims of [
      login.districtAdmin,
      login.coordinatorD1,
      login.team,
      login.visitor,
      login.monitor,
      login.analyst,
    ]) {
      const response = await as(claims).post('/v1/districts', { ...hartford, districtId: 'd-new' });
      expect([claims.sub, response.status, response.body.code]).toEqual([
        claims.sub,
        403,
        'role_not_allowed',
      ]);
    }
    expect((await as(login.stateAdmin).get('/v1/districts/d-new')).status).toBe(404);
  });

  it('refuses a time zone that is not an IANA zone and a region that is not an id code (400)', async () => {
    const response = await as(login.stateAdmin).post('/v1/districts', {
      ...hartford,
      districtId: 'd-bad',
      regionId: 'Capitol Region',
      timeZone: 'Mars/Olympus_Mons',
    });
    expect([response.status, response.body.code]).toEqual([400, 'validation_failed']);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'regionId',
      'timeZone',
    ]);
    const lowercase = await as(login.stateAdmin).post('/v1/districts', {
      ...hartford,
      districtId: 'd-bad',
      timeZone: 'america/new_york',
    });
    expect(lowercase.body.errors).toEqual([{ path: 'timeZone', reason: expect.stringContaining('IANA') }]);
  });

  it('lists districts within the caller’s scope and hides the others (404)', async () => {
    for (const claims of [login.stateAdmin, login.analyst]) {
      expect(idsOf((await as(claims).get('/v1/districts')).body)).toEqual(['d2', 'd1']);
    }
    for (const claims of [
      login.districtAdmin,
      login.coordinatorD1,
      login.team,
      login.visitor,
      login.monitor,
    ]) {
      expect([claims.sub, idsOf((await as(claims).get('/v1/districts')).body)]).toEqual([claims.sub, ['d1']]);
    }
    expect(idsOf((await as(login.coordinatorD2).get('/v1/districts')).body)).toEqual(['d2']);
    expect((await as(login.monitor).get('/v1/districts/d1')).body).toEqual({
      ...hartford,
      settings: { ...DEFAULT_DISTRICT_SETTINGS, ...hartford.settings, retention: null },
    });
    const hidden = await as(login.coordinatorD1).get('/v1/districts/d2');
    expect([hidden.status, hidden.body.code]).toEqual([404, 'district_not_found']);
    const unknown = await as(login.stateAdmin).get('/v1/districts/nowhere');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'district_not_found']);
  });

  it('adds schools as the district’s coordinator or an admin (201), once (409 school_exists)', async () => {
    const byCoordinator = await as(login.coordinatorD1).post(
      '/v1/districts/d1/schools',
      school('sch-1', 'Lincoln'),
    );
    expect([byCoordinator.status, byCoordinator.body]).toEqual([
      201,
      { districtId: 'd1', schoolId: 'sch-1', revision: 1, position: expect.any(String) },
    ]);
    expect(
      (await as(login.districtAdmin).post('/v1/districts/d1/schools', school('sch-2', 'Kennedy'))).status,
    ).toBe(201);
    expect((await as(login.stateAdmin).post('/v1/districts/d2/schools', school('sch-9'))).status).toBe(201);
    const again = await as(login.coordinatorD1).post(
      '/v1/districts/d1/schools',
      school('sch-1', 'Lincoln Middle'),
    );
    expect([again.status, again.body.code]).toEqual([409, 'school_exists']);
  });

  it('refuses schools to other roles (403), to school-level tokens (403) and outside the caller’s scope (404)', async () => {
    const add = (claims: DevTokenClaims, districtId = 'd1') =>
      as(claims).post(`/v1/districts/${districtId}/schools`, school('sch-3'));
    for (const claims of [login.team, login.visitor, login.monitor, login.analyst]) {
      const response = await add(claims);
      expect([claims.sub, response.status, response.body.code]).toEqual([
        claims.sub,
        403,
        'role_not_allowed',
      ]);
    }
    const schoolLevel = await add(login.schoolCoordinator);
    expect([schoolLevel.status, schoolLevel.body.code]).toEqual([403, 'out_of_scope']);
    const otherDistrict = await add(login.coordinatorD2);
    expect([otherDistrict.status, otherDistrict.body.code]).toEqual([404, 'district_not_found']);
    const unknown = await add(login.stateAdmin, 'nowhere');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'district_not_found']);
    const invalid = await as(login.coordinatorD1).post('/v1/districts/d1/schools', {
      schoolId: 'no spaces',
      name: '',
      grades: ['13'],
    });
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'grades',
      'name',
      'schoolId',
    ]);
    expect(idsOf((await as(login.coordinatorD1).get('/v1/districts/d1/schools')).body)).toEqual([
      'sch-2',
      'sch-1',
    ]);
  });

  it('lists a district’s schools within the caller’s scope', async () => {
    const schoolsOf = async (claims: DevTokenClaims, districtId = 'd1') =>
      idsOf((await as(claims).get(`/v1/districts/${districtId}/schools`)).body);
    expect(await schoolsOf(login.stateAdmin)).toEqual(['sch-2', 'sch-1']);
    expect(await schoolsOf(login.analyst, 'd2')).toEqual(['sch-9']);
    expect(await schoolsOf(login.visitor)).toEqual(['sch-2', 'sch-1']);
    expect(await schoolsOf(login.team)).toEqual(['sch-1']);
    expect(await schoolsOf(login.schoolCoordinator)).toEqual(['sch-1']);
    const hidden = await as(login.coordinatorD2).get('/v1/districts/d1/schools');
    expect([hidden.status, hidden.body.code]).toEqual([404, 'district_not_found']);
  });

  it('changes the district’s settings as its coordinator or an admin', async () => {
    const put = (claims: DevTokenClaims, body: unknown = { allowUntrainedVisitors: true }) =>
      as(claims).send<any>('PUT', '/v1/districts/d1/settings', body, {});
    const changed = await put(login.coordinatorD1);
    expect([changed.status, changed.body.settings]).toEqual([
      200,
      { ...DEFAULT_DISTRICT_SETTINGS, allowUntrainedVisitors: true, retention: null },
    ]);
    expect((await put(login.stateAdmin, { allowUntrainedVisitors: false })).body.settings).toEqual({
      ...DEFAULT_DISTRICT_SETTINGS,
      allowUntrainedVisitors: false,
      retention: null,
    });
    expect((await put(login.districtAdmin)).status).toBe(200);
    for (const claims of [login.team, login.visitor, login.monitor]) {
      expect([claims.sub, (await put(claims)).status]).toEqual([claims.sub, 403]);
    }
    expect((await put(login.coordinatorD2)).body.code).toBe('district_not_found');
    expect((await put(login.coordinatorD1, { allowUntrainedVisitors: 'yes' })).status).toBe(400);
    const badRetention = await put(login.coordinatorD1, { allowUntrainedVisitors: true, retention: 'PT12H' });
    expect([badRetention.status, badRetention.body.errors?.[0]?.path]).toEqual([400, 'retention']);
    expect((await as(login.visitor).get('/v1/districts/d1')).body.settings).toEqual({
      ...DEFAULT_DISTRICT_SETTINGS,
      allowUntrainedVisitors: true,
      retention: null,
    });
    const kept = await put(login.coordinatorD1, { allowUntrainedVisitors: true, retention: 'P3Y' });
    expect([kept.status, kept.body.settings]).toEqual([
      200,
      { ...DEFAULT_DISTRICT_SETTINGS, allowUntrainedVisitors: true, retention: 'P3Y' },
    ]);
  });

  it('identifies students only in a registered school of a registered district, after the scope check', async () => {
    const identify = (claims: DevTokenClaims, overrides: Record<string, unknown>) =>
      as(claims).post('/v1/cases', identifyBody(overrides));
    const unknownSchool = await identify(login.coordinatorD1, { schoolId: 'sch-404' });
    expect([unknownSchool.status, unknownSchool.body.code]).toEqual([404, 'school_not_found']);
    const otherDistrictsSchool = await identify(login.coordinatorD1, { schoolId: 'sch-9' });
    expect(otherDistrictsSchool.body.code).toBe('school_not_found');
    const unknownDistrict = await identify(login.stateAdmin, { districtId: 'nowhere' });
    expect([unknownDistrict.status, unknownDistrict.body.code]).toEqual([404, 'district_not_found']);
    // Scope first: a d1 login learns nothing about d2 or a district that does not exist.
    for (const districtId of ['d2', 'nowhere']) {
      const outside = await identify(login.coordinatorD1, { districtId });
      expect([outside.status, outside.body.code]).toEqual([403, 'out_of_scope']);
    }
    const otherSchool = await identify(login.team, { schoolId: 'sch-2' });
    expect([otherSchool.status, otherSchool.body.code]).toEqual([403, 'out_of_scope']);
    expect((await identify(login.team, { schoolId: 'sch-1' })).status).toBe(201);
    expect((await identify(login.stateAdmin, { districtId: 'd2', schoolId: 'sch-9' })).status).toBe(201);
  });

  it('transfers a case only to a school of its district (404 school_not_found), appending nothing', async () => {
    const coord = as(login.coordinatorD1);
    const caseId = (await coord.post('/v1/cases', identifyBody({ schoolId: 'sch-1' }))).body.caseId;
    for (const toSchoolId of ['sch-404', 'sch-9']) {
      const refused = await coord.post(`/v1/cases/${caseId}/transfer`, {
        toSchoolId,
        transferredOn: daysAgo(2),
      });
      expect([toSchoolId, refused.status, refused.body.code]).toEqual([toSchoolId, 404, 'school_not_found']);
    }
    expect((await coord.get(`/v1/cases/${caseId}`)).body).toMatchObject({ schoolId: 'sch-1', revision: 0 });
    const moved = await coord.post(`/v1/cases/${caseId}/transfer`, {
      toSchoolId: 'sch-2',
      transferredOn: daysAgo(2),
    });
    expect(moved.status).toBe(200);
    expect((await coord.get(`/v1/cases/${caseId}`)).body.schoolId).toBe('sch-2');
  });

  it('registers visitors only in a registered district (404 district_not_found), after the scope check', async () => {
    const unknown = await as(login.stateAdmin).post(
      '/v1/visitors',
      registerVisitorBody({ districtId: 'nowhere' }),
    );
    expect([unknown.status, unknown.body.code]).toEqual([404, 'district_not_found']);
    const outside = await as(login.coordinatorD1).post(
      '/v1/visitors',
      registerVisitorBody({ districtId: 'nowhere' }),
    );
    expect([outside.status, outside.body.code]).toEqual([403, 'out_of_scope']);
    expect((await as(login.coordinatorD1).post('/v1/visitors', registerVisitorBody())).status).toBe(201);
  });
});
