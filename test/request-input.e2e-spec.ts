import { mintEmbeddedToken } from '@leap/auth';
import { TEST_SECRET, TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, registerVisitorBody } from './support/journey-fixtures';

type Violation = { path: string; reason: string };

/**
 * What the HTTP layer does with bodies, query strings and path parameters it cannot take as they
 * are: a clear 4xx answer with every bad field, never a 500, never a silent reading.
 */
describe('when request input is malformed', () => {
  let api: TestApi;
  let coord: Client;
  let token: string;
  let caseId: string;

  /** A request exactly as given: no content type unless one is named. */
  const raw = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...headers },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : null,
    };
  };
  const postJson = (path: string, text: string) =>
    raw('POST', path, text, { 'content-type': 'application/json' });
  const pathsOf = (body: { errors?: Violation[] }) => (body.errors ?? []).map((e) => e.path).sort();

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), coordinator());
    caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId;
  });
  afterAll(() => api.stop());

  describe('when a required object is missing or not an object', () => {
    it('reports a missing baseline instead of failing (400, not 500)', async () => {
      const { baseline: _baseline, ...withoutBaseline } = identifyBody();
      const response = await coord.post('/v1/cases', withoutBaseline);
      expect([response.status, response.body.code]).toEqual([400, 'validation_failed']);
      expect(pathsOf(response.body)).toEqual(['baseline']);
    });

    it('lists the baseline among the missing fields of an empty body', async () => {
      const response = await coord.post('/v1/cases', {});
      expect(response.status).toBe(400);
      expect(pathsOf(response.body)).toEqual(
        expect.arrayContaining(['baseline', 'studentId', 'identifiedOn', 'targetingApproach']),
      );
    });

    it('reports a visitor without organization and a rules change without rules', async () => {
      const { organization: _organization, ...visitor } = registerVisitorBody();
      const noOrganization = await coord.post('/v1/visitors', visitor);
      expect([noOrganization.status, pathsOf(noOrganization.body)]).toEqual([400, ['organization']]);
      const noRules = await coord.send<any>('PUT', '/v1/districts/d1/follow-up-rules', {}, {});
      expect([noRules.status, pathsOf(noRules.body)]).toEqual([400, ['rules']]);
    });

    it('refuses an array or a string where an object belongs', async () => {
      const response = await coord.post('/v1/cases', identifyBody({ baseline: [], flags: [], pii: 'x' }));
      expect(response.status).toBe(400);
      expect(pathsOf(response.body)).toEqual(['baseline', 'flags', 'pii']);
    });
  });

  describe('when a value has the wrong type', () => {
    it('answers one clear error for the field', async () => {
      const response = await coord.post(
        '/v1/cases',
        identifyBody({ baseline: { asOf: daysAgo(61), daysEnrolled: '40', daysAbsent: 4 } }),
      );
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { path: 'baseline.daysEnrolled', reason: 'daysEnrolled must be an integer number' },
      ]);
    });

    it('still lists every bad field of a nested object, once each', async () => {
      const response = await coord.post(
        '/v1/cases',
        identifyBody({ grade: 7, baseline: { asOf: 'soon', daysEnrolled: '40', daysAbsent: -1 } }),
      );
      expect(response.status).toBe(400);
      const paths = response.body.errors.map((e: Violation) => e.path);
      expect(paths.sort()).toEqual([
        'baseline.asOf',
        'baseline.daysAbsent',
        'baseline.daysEnrolled',
        'grade',
      ]);
    });
  });

  describe('when JSON nests deeper than any request needs', () => {
    const nested = (depth: number, open: string, close: string) =>
      `${open.repeat(depth)}${close.repeat(depth)}`;

    it('answers 400 too_deep for a deeply nested array or object, quickly', async () => {
      const array = await postJson('/v1/cases', `{"studentId":${nested(5000, '[', ']')}}`);
      expect([array.status, array.body.code]).toEqual([400, 'too_deep']);
      const object = await postJson('/v1/cases', `{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`);
      expect([object.status, object.body.code]).toEqual([400, 'too_deep']);
      expect(object.type).toMatch(/^application\/problem\+json/);
    });

    it('takes 32 levels and refuses 33', async () => {
      // The body is level 1; `visitorIds` is level 2; each array inside adds one.
      const body = (depth: number) =>
        `{"visitorIds":${nested(depth - 1, '[', ']')},"assignedOn":"${daysAgo(1)}"}`;
      const at32 = await postJson(`/v1/cases/${caseId}/visitor-assignments`, body(32));
      expect([at32.status, at32.body.code]).toEqual([400, 'validation_failed']);
      const at33 = await postJson(`/v1/cases/${caseId}/visitor-assignments`, body(33));
      expect([at33.status, at33.body.code]).toEqual([400, 'too_deep']);
    });
  });

  describe('when keys name a prototype', () => {
    it('refuses __proto__, constructor and prototype like any unknown field', async () => {
      const body = JSON.stringify(identifyBody()).replace(
        /^\{/,
        '{"__proto__":{"admin":true},"constructor":{"name":"x"},',
      );
      const top = await postJson('/v1/cases', body);
      expect([top.status, top.body.code]).toEqual([400, 'validation_failed']);
      expect(pathsOf(top.body)).toEqual(['__proto__', 'constructor']);

      const nested = JSON.stringify(identifyBody()).replace('"baseline":{', '"baseline":{"prototype":1,');
      const inBaseline = await postJson('/v1/cases', nested);
      expect([inBaseline.status, pathsOf(inBaseline.body)]).toEqual([400, ['baseline.prototype']]);
    });
  });

  describe('when strings carry control characters or broken UTF-16', () => {
    it('refuses NUL, other control characters and unpaired surrogates with the field path', async () => {
      const response = await postJson(
        '/v1/cases',
        JSON.stringify(
          identifyBody({
            pii: { studentName: 'Maya\u0000', guardianName: 'Rosa\u001b[31m', address: 'Elm\rSt' },
          }),
        ).replace('"Maya', '"\\ud800Maya'),
      );
      expect([response.status, response.body.code]).toEqual([400, 'validation_failed']);
      expect(pathsOf(response.body)).toEqual(['pii.address', 'pii.guardianName', 'pii.studentName']);
    });

    it('keeps tabs, newlines and CRLF, and stores text NFC-normalised', async () => {
      const created = await coord.post(
        '/v1/cases',
        identifyBody({ pii: { studentName: 'Jose\u0301', address: '1 Elm St\r\nApt\t2\nHartford' } }),
      );
      expect(created.status).toBe(201);
      const view = await coord.get(`/v1/cases/${created.body.caseId}`);
      expect(view.body.pii).toMatchObject({
        studentName: 'Jos\u00e9',
        address: '1 Elm St\r\nApt\t2\nHartford',
      });
    });

    it('refuses control characters in query strings and path parameters', async () => {
      const query = await coord.get('/v1/cases?q=a%00b');
      expect([query.status, pathsOf(query.body)]).toEqual([400, ['q']]);
      const proto = await coord.get('/v1/cases?__proto__=x');
      expect([proto.status, pathsOf(proto.body)]).toEqual([400, ['__proto__']]);
      const param = await coord.get('/v1/cases/a%00b');
      expect([param.status, pathsOf(param.body)]).toEqual([400, ['caseId']]);
    });
  });

  describe('when a body is not sent as JSON', () => {
    const body = () => JSON.stringify({ offeredOn: daysAgo(1), channel: 'phone' });
    const offers = () => `/v1/cases/${caseId}/consent-offers`;

    it('answers 415 unsupported_media_type, never field errors', async () => {
      const contentTypes: Record<string, string>[] = [
        { 'content-type': 'text/plain' },
        {},
        { 'content-type': 'application/x-www-form-urlencoded' },
      ];
      for (const headers of contentTypes) {
        const response = await raw('POST', offers(), body(), headers);
        expect([response.status, response.body.code, response.body.errors]).toEqual([
          415,
          'unsupported_media_type',
          undefined,
        ]);
        expect(response.type).toMatch(/^application\/problem\+json/);
      }
      const empty = await raw('POST', offers());
      expect([empty.status, empty.body.code]).toEqual([415, 'unsupported_media_type']);
    });

    it('takes application/json with a charset and application/*+json', async () => {
      const withCharset = await raw('POST', offers(), body(), {
        'content-type': 'application/json; charset=utf-8',
      });
      expect(withCharset.status).toBe(200);
      const suffixed = await raw('POST', offers(), body(), { 'content-type': 'application/vnd.leap+json' });
      expect(suffixed.status).toBe(200);
    });

    it('keeps GETs and bodiless commands working without a content type', async () => {
      expect((await raw('GET', `/v1/cases/${caseId}`)).status).toBe(200);
      const claim = await raw('POST', `/v1/cases/${caseId}/follow-ups/no-such-item/claim`);
      expect([claim.status, claim.body.code]).toEqual([404, 'follow_up_not_found']);
    });
  });
});
