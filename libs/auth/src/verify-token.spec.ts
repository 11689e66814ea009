import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER } from './auth-config';
import { NotAuthenticatedError } from './errors';
import { mintEmbeddedToken } from './mint-token';
import { createTokenVerifier, principalFromClaims } from './verify-token';

const secret = new TextEncoder().encode('a-secret-long-enough-for-hs256-tokens-000');

describe('when an embedded token is verified', () => {
  const verify = createTokenVerifier({ mode: 'embedded', secret });

  it('reads the principal from a token signed with the embedded secret', async () => {
    const token = await mintEmbeddedToken(secret, {
      sub: 'u1',
      name: 'Dee',
      role: 'attendance_team',
      districtId: 'd1',
      schoolIds: ['s1'],
    });
    await expect(verify(token)).resolves.toEqual({
      issuer: 'leap-case-embedded',
      sub: 'u1',
      name: 'Dee',
      role: 'attendance_team',
      districtId: 'd1',
      schoolIds: ['s1'],
    });
  });

  it('refuses a token signed with another secret', async () => {
    const token = await mintEmbeddedToken(new TextEncoder().encode('another-secret-another-secret-another'), {
      sub: 'u1',
      role: 'admin',
    });
    await expect(verify(token)).rejects.toBeInstanceOf(NotAuthenticatedError);
  });

  it('refuses an expired token', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer(EMBEDDED_ISSUER)
      .setAudience(EMBEDDED_AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secret);
    await expect(verify(token)).rejects.toThrow(/exp/);
  });
});

describe('when claims are read', () => {
  it('refuses an unknown role', () => {
    expect(() => principalFromClaims({ sub: 'u1', role: 'principal', districtId: 'd1' })).toThrow(
      /role must be one of/,
    );
  });

  it('requires a district for district roles but not for state-wide ones', () => {
    expect(() => principalFromClaims({ sub: 'u1', role: 'coordinator' })).toThrow(/needs a districtId/);
    expect(principalFromClaims({ sub: 'u1', role: 'state_analyst' })).toMatchObject({
      districtId: null,
      schoolIds: null,
    });
  });

  it('refuses schoolIds that are not a list of strings', () => {
    expect(() =>
      principalFromClaims({ sub: 'u1', role: 'coordinator', districtId: 'd1', schoolIds: 's1' }),
    ).toThrow(/schoolIds/);
  });
});

describe('when tokens come from an OIDC issuer', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_, response) =>
      response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const sign = (audience: string) =>
    new SignJWT({ role: 'coordinator', districtId: 'd9' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('oidc-user')
      .setIssuer('https://idp.example.test')
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(privateKey);

  it('verifies against the issuer’s JWKS, issuer and audience', async () => {
    const verify = createTokenVerifier({
      mode: 'oidc',
      issuer: 'https://idp.example.test',
      audience: 'leap',
      jwksUrl,
    });
    await expect(verify(await sign('leap'))).resolves.toMatchObject({
      sub: 'oidc-user',
      role: 'coordinator',
      districtId: 'd9',
    });
    await expect(verify(await sign('someone-else'))).rejects.toBeInstanceOf(NotAuthenticatedError);
  });
});
