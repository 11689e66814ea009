import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';

type Violation = { path: string; reason: string };

/** A calendar date `days` after today in the district's time zone. */
const daysAhead = (days: number) => daysAgo(-days);

/** Business dates, school years and instants a request states must be plausible. */
describe('when requests state implausible dates', () => {
  let api: TestApi;
  let coord: Client;
  let caseId: string;

  const pathsOf = (body: { errors?: Violation[] }) => (body.errors ?? []).map((e) => e.path).sort();

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId;
  });
  afterAll(() => api.stop());

  describe('when a student is identified', () => {
    it.each(['0000-01-01', '1900-01-01', '1999-12-31'])('refuses identifiedOn %s', async (identifiedOn) => {
      const response = await coord.post(
        '/v1/cases',
        identifyBody({ identifiedOn, baseline: { asOf: identifiedOn, daysEnrolled: 20, daysAbsent: 4 } }),
      );
      expect([response.status, response.body.code]).toEqual([400, 'validation_failed']);
      expect(pathsOf(response.body)).toEqual(['baseline.asOf', 'identifiedOn']);
    });

    it('refuses a baseline measured after the identification', async () => {
      const response = await coord.post(
        '/v1/cases',
        identifyBody({
          identifiedOn: daysAgo(10),
          baseline: { asOf: daysAgo(9), daysEnrolled: 20, daysAbsent: 4 },
        }),
      );
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { path: 'baseline.asOf', reason: expect.stringContaining('identifiedOn') },
      ]);
    });

    it('takes a baseline measured on the day of identification', async () => {
      const response = await coord.post(
        '/v1/cases',
        identifyBody({
          identifiedOn: daysAgo(10),
          baseline: { asOf: daysAgo(10), daysEnrolled: 20, daysAbsent: 4 },
        }),
      );
      expect(response.status).toBe(201);
    });

    it.each(['2019-27', '0000-99', '2025-2026', '2099-00'])(
      'refuses the malformed school year %s',
      async (schoolYear) => {
        const response = await coord.post('/v1/cases', identifyBody({ schoolYear }));
        expect([response.status, pathsOf(response.body)]).toEqual([400, ['schoolYear']]);
      },
    );

    it('refuses a school year that does not hold identifiedOn', async () => {
      const response = await coord.post(
        '/v1/cases',
        identifyBody({
          identifiedOn: '2025-10-01',
          baseline: { asOf: '2025-09-30', daysEnrolled: 20, daysAbsent: 4 },
          schoolYear: '2024-25',
        }),
      );
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { path: 'schoolYear', reason: expect.stringContaining('2025-26') },
      ]);
    });

    it('derives the school year from identifiedOn when none is given (July to June)', async () => {
      const identify = async (identifiedOn: string, schoolYear?: string) => {
        const body = identifyBody({
          identifiedOn,
          baseline: { asOf: identifiedOn, daysEnrolled: 20, daysAbsent: 4 },
        });
        const created = await coord.post('/v1/cases', schoolYear ? { ...body, schoolYear } : body);
        expect(created.status).toBe(201);
        return (await coord.get(`/v1/cases/${created.body.caseId}`)).body.schoolYear;
      };
      expect(await identify('2025-10-01')).toBe('2025-26');
      expect(await identify('2026-03-01')).toBe('2025-26');
      expect(await identify('2025-07-01')).toBe('2025-26');
      expect(await identify('2025-06-30')).toBe('2024-25');
      expect(await identify('2025-06-30', '2024-25')).toBe('2024-25');
    });
  });

  describe('when a command states a business date', () => {
    it('refuses a date before 2000-01-01', async () => {
      const response = await coord.post(`/v1/cases/${caseId}/consent-offers`, {
        offeredOn: '1999-12-31',
        channel: 'phone',
      });
      expect([response.status, pathsOf(response.body)]).toEqual([400, ['offeredOn']]);
    });

    it('refuses to schedule a visit more than a year ahead', async () => {
      for (const date of ['9999-12-31', daysAhead(367)]) {
        const response = await coord.post(`/v1/cases/${caseId}/visits`, {
          status: 'scheduled',
          date,
          location: 'home',
          visitorIds: ['v1'],
        });
        expect([response.status, pathsOf(response.body)]).toEqual([400, ['date']]);
      }
    });

    it('lets a visit be scheduled within the year ahead (the case then decides)', async () => {
      const response = await coord.post(`/v1/cases/${caseId}/visits`, {
        status: 'scheduled',
        date: daysAhead(300),
        location: 'home',
        visitorIds: ['v1'],
      });
      expect([response.status, response.body.code]).toEqual([409, 'consent_required']);
    });
  });

  describe('when a follow-up is snoozed', () => {
    const snooze = (until: string) =>
      coord.post(`/v1/cases/${caseId}/follow-ups/no-such-item/snooze`, { until });

    it.each([
      ['far in the future', '9999-12-31T00:00:00Z'],
      ['more than 90 days ahead', new Date(Date.now() + 91 * 86_400_000).toISOString()],
      ['without an offset', new Date(Date.now() + 86_400_000).toISOString().replace('Z', '')],
      ['as a date only', daysAhead(2)],
    ])('refuses an instant %s', async (_case, until) => {
      const response = await snooze(until);
      expect([response.status, pathsOf(response.body)]).toEqual([400, ['until']]);
    });

    it('takes an instant with an offset within 90 days (the case then decides)', async () => {
      const until = `${daysAhead(30)}T08:00:00-04:00`;
      const response = await snooze(until);
      expect([response.status, response.body.code]).toEqual([404, 'follow_up_not_found']);
    });
  });

  describe('when the history is asked as known at an instant', () => {
    it('answers knownAt, and asOf as its alias', async () => {
      const all = (await coord.get(`/v1/cases/${caseId}/history`)).body.events;
      const first = all[0].recordedAt as string;
      const byKnownAt = await coord.get(`/v1/cases/${caseId}/history?knownAt=${encodeURIComponent(first)}`);
      expect(byKnownAt.status).toBe(200);
      expect(byKnownAt.body.events).toHaveLength(
        all.filter((e: { recordedAt: string }) => e.recordedAt <= first).length,
      );
      const byAsOf = await coord.get(`/v1/cases/${caseId}/history?asOf=${encodeURIComponent(first)}`);
      expect(byAsOf.body.events).toEqual(byKnownAt.body.events);
      const both = await coord.get(
        `/v1/cases/${caseId}/history?knownAt=${encodeURIComponent(first)}&asOf=${encodeURIComponent(first)}`,
      );
      expect(both.status).toBe(200);
    });

    it('refuses knownAt and asOf that differ, and instants without an offset', async () => {
      const differ = await coord.get(
        `/v1/cases/${caseId}/history?knownAt=2026-01-01T00:00:00Z&asOf=2026-01-02T00:00:00Z`,
      );
      expect([differ.status, pathsOf(differ.body)]).toEqual([400, ['asOf']]);
      const local = await coord.get(`/v1/cases/${caseId}/history?knownAt=2026-01-01T00:00:00`);
      expect([local.status, pathsOf(local.body)]).toEqual([400, ['knownAt']]);
    });
  });
});
