import { pathOf, requestIdFor } from './http-logging';

describe('when a request id is chosen', () => {
  it("keeps the caller's X-Request-Id when it is a short token", () => {
    expect(requestIdFor('abc-123')).toBe('abc-123');
    expect(requestIdFor(['trace:7.1_x', 'other'])).toBe('trace:7.1_x');
  });

  it('generates a UUID for a missing, long or unsafe one', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const header of [undefined, '', 'x'.repeat(129), 'Maya Lopez', 'a\nb', '{"json":1}'])
      expect(requestIdFor(header)).toMatch(uuid);
    expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
  });
});

describe('when a request path is logged', () => {
  const request = (url: string, originalUrl?: string) => ({ url, originalUrl });

  it('drops the query, which may hold a name', () => {
    expect(pathOf(request('/v1/cases?q=Maya&schoolId=sch-1'))).toBe('/v1/cases');
    expect(pathOf(request('/cases?q=Maya', '/v1/cases?q=Maya'))).toBe('/v1/cases');
    expect(pathOf(request('/health'))).toBe('/health');
  });

  it('leaves out a household id, which is a real identifier', () => {
    expect(pathOf(request('/v1/households/HH-Quill-77/erasure'))).toBe('/v1/households/:householdId/erasure');
  });
});
