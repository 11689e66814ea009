import { SignJWT } from 'jose';
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER } from './auth-config';
import type { Role } from './principal';

export interface DevTokenClaims {
  sub: string;
  name?: string;
  role: Role;
  districtId?: string;
  schoolIds?: string[];
}

/** Signs a token with the embedded HS256 secret, for development, demos and tests. */
export function mintEmbeddedToken(
  secret: Uint8Array,
  claims: DevTokenClaims,
  expiresIn = '12h',
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(EMBEDDED_ISSUER)
    .setAudience(EMBEDDED_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secret);
}
