import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, nextStudentId } from './support/journey-fixtures';

describe('when a student is identified more than once', () => {
  let api: TestApi;
  let coord: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
  });
  afterAll(() => api.stop());

  it('refuses a second open case for the same student in the district (409 case_already_open)', async () => {
    const studentId = nextStudentId();
    const first = await coord.post('/v1/cases', identifyBody({ studentId }));
    expect(first.status).toBe(201);
    const second = await coord.post('/v1/cases', identifyBody({ studentId }));
    expect([second.status, second.body.code]).toEqual([409, 'case_already_open']);
    expect(second.body.detail).toContain(first.body.caseId);
  });

  it('names the open case only to callers who could read it', async () => {
    const studentId = nextStudentId();
    const first = await coord.post('/v1/cases', identifyBody({ studentId, schoolId: 'sch-1' }));
    const otherSchool = api.as({
      sub: 'team-2',
      role: 'attendance_team',
      districtId: 'd1',
      schoolIds: ['sch-2'],
    });
    const refused = await otherSchool.post('/v1/cases', identifyBody({ studentId, schoolId: 'sch-2' }));
    expect([refused.status, refused.body.code]).toEqual([409, 'case_already_open']);
    expect(JSON.stringify(refused.body)).not.toContain(first.body.caseId);
    expect(refused.body.detail).toBe('The student already has an open case in this district');
  });

  it('gives a student who moves a case in the new district while the old district closes its own as moved', async () => {
    const studentId = nextStudentId();
    const old = (await coord.post('/v1/cases', identifyBody({ studentId }))).body.caseId;
    const moved = await api
      .as(coordinator('d2'))
      .post('/v1/cases', identifyBody({ studentId, districtId: 'd2' }));
    expect(moved.status).toBe(201);
    expect(JSON.stringify(moved.body)).not.toContain(old);
    const closed = await coord.post(`/v1/cases/${old}/closure`, { closedOn: daysAgo(1), reason: 'moved' });
    expect(closed.status).toBe(200);
    expect((await api.as(coordinator('d2')).get(`/v1/cases/${moved.body.caseId}`)).body.status).toBe('open');
  });

  it('lets only one of many simultaneous identifications succeed', async () => {
    const studentId = nextStudentId();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => coord.post('/v1/cases', identifyBody({ studentId }))),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
  });

  it('allows a new case once the earlier one is closed, and refuses reopening the old one while the new one is open', async () => {
    const studentId = nextStudentId();
    const first = (await coord.post('/v1/cases', identifyBody({ studentId }))).body.caseId;
    await coord.post(`/v1/cases/${first}/closure`, { closedOn: daysAgo(20), reason: 'moved' });
    const second = await coord.post('/v1/cases', identifyBody({ studentId, identifiedOn: daysAgo(10) }));
    expect(second.status).toBe(201);
    const reopen = await coord.post(`/v1/cases/${first}/reopening`, {
      reopenedOn: daysAgo(1),
      reason: 'moved back',
    });
    expect([reopen.status, reopen.body.code]).toEqual([409, 'case_already_open']);
    expect((await coord.get(`/v1/cases/${first}`)).body.status).toBe('closed');
  });
});
