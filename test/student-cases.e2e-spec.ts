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

  it('refuses a second open case for the same student (409 case_already_open)', async () => {
    const studentId = nextStudentId();
    expect((await coord.post('/v1/cases', identifyBody({ studentId }))).status).toBe(201);
    const second = await coord.post('/v1/cases', identifyBody({ studentId }));
    expect([second.status, second.body.code]).toEqual([409, 'case_already_open']);
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
