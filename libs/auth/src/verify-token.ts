import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER, type AuthConfig } from './auth-config';
import { NotAuthenticatedError } from './errors';
import { ROLES, STATE_WIDE_ROLES, type Principal, type Role } from './principal';

export type TokenVerifier = (token: string) => Promise<Principal>;

/** Verifies signature, expiry, issuer and audience, then reads the LEAP claims into a principal. */
export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const verify =
    config.mode === 'embedded'
      ? (token: string) =>
          jwtVerify(token, config.secret, {
            issuer: EMBEDDED_ISSUER,
            audience: EMBEDDED_AUDIENCE,
            algorithms: ['HS256'],
            requiredClaims: ['exp'],
          })
      : (() => {
          const keys = createRemoteJWKSet(new URL(config.jwksUrl));
          return (token: string) =>
            jwtVerify(token, keys, {
              issuer: config.issuer,
              audience: config.audience,
              requiredClaims: ['exp'],
            });
        })();
  return cached(async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await verify(token));
    } catch (error) {
      throw new NotAuthenticatedError(`Invalid token: ${(error as Error).message}`);
    }
    return { principal: principalFromClaims(payload), expiresAt: (payload.exp ?? 0) * 1000 };
  });
}

const CACHE_LIMIT = 10_000;

/**
 * Remembers verified tokens until they expire: a client sends the same token with every request,
 * and verifying a signature costs more than the rest of authentication. Only successful
 * verifications are kept; the cache is emptied when full.
 */
function cached(
  verify: (token: string) => Promise<{ principal: Principal; expiresAt: number }>,
): TokenVerifier {
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();
  return async (token) => {
    const hit = verified.get(token);
    if (hit && hit.expiresAt > Date.now()) return hit.principal;
    const entry = await verify(token);
    if (verified.size >= CACHE_LIMIT) verified.clear();
    if (entry.expiresAt > Date.now()) verified.set(token, entry);
    return entry.principal;
  };
}

export function principalFromClaims(claims: JWTPayload): Principal {
  const { iss, sub, name, role, districtId, schoolIds } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || sub === '') throw new NotAuthenticatedError('Token has no sub');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new NotAuthenticatedError(`Token role must be one of ${ROLES.join(', ')}`);
  }
  if (districtId !== undefined && (typeof districtId !== 'string' || districtId === '')) {
    throw new NotAuthenticatedError('Token districtId must be a non-empty string');
  }
  if (districtId === undefined && !STATE_WIDE_ROLES.includes(role as Role)) {
    throw new NotAuthenticatedError(`Role ${role} needs a districtId claim`);
  }
  if (
    schoolIds !== undefined &&
    !(Array.isArray(schoolIds) && schoolIds.every((id) => typeof id === 'string'))
  ) {
    throw new NotAuthenticatedError('Token schoolIds must be an array of strings');
  }
  return {
    issuer: typeof iss === 'string' ? iss : '',
    sub,
    name: typeof name === 'string' ? name : null,
    role: role as Role,
    districtId: (districtId as string | undefined) ?? null,
    schoolIds: (schoolIds as string[] | undefined) ?? null,
  };
}
