import { httpHardeningConfigFromEnv } from './http-hardening';

describe('httpHardeningConfigFromEnv', () => {
  it('trusts no proxy and allows no other origin by default', () => {
    expect(httpHardeningConfigFromEnv({})).toEqual({ trustProxy: false, corsOrigins: [] });
    expect(httpHardeningConfigFromEnv({ LEAP_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(httpHardeningConfigFromEnv({ LEAP_TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['true', true],
    ['10.0.0.0/8, loopback', ['10.0.0.0/8', 'loopback']],
    ['fd00::/8', ['fd00::/8']],
  ])('reads LEAP_TRUST_PROXY=%s', (value, expected) => {
    expect(httpHardeningConfigFromEnv({ LEAP_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('refuses a LEAP_TRUST_PROXY that is neither a count, true, nor addresses', () => {
    expect(() => httpHardeningConfigFromEnv({ LEAP_TRUST_PROXY: 'yes please' })).toThrow('LEAP_TRUST_PROXY');
  });

  it('reads LEAP_CORS_ORIGINS as exact origins, and refuses anything that is not one', () => {
    expect(
      httpHardeningConfigFromEnv({ LEAP_CORS_ORIGINS: 'https://case.example.org, http://localhost:5173' })
        .corsOrigins,
    ).toEqual(['https://case.example.org', 'http://localhost:5173']);
    for (const bad of ['case.example.org', 'https://case.example.org/', 'https://case.example.org/app', '*'])
      expect(() => httpHardeningConfigFromEnv({ LEAP_CORS_ORIGINS: bad })).toThrow('LEAP_CORS_ORIGINS');
  });
});
