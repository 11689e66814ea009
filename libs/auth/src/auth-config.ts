import { randomBytes } from 'node:crypto';
import { dataDirOf, privateSecret } from '@leap/event-store';

/** Issuer and audience of tokens signed with the embedded secret. */
export const EMBEDDED_ISSUER = 'leap-case-embedded';
export const EMBEDDED_AUDIENCE = 'leap-case';

export type AuthConfig =
  | { mode: 'embedded'; secret: Uint8Array }
  | { mode: 'oidc'; issuer: string; audience: string; jwksUrl: string };

export interface AuthEnv {
  LEAP_JWT_SECRET?: string;
  LEAP_JWT_ISSUER?: string;
  LEAP_JWT_AUDIENCE?: string;
  LEAP_JWKS_URL?: string;
  LEAP_DATA_DIR?: string;
}

/**
 * Production verifies tokens of an OIDC issuer against its JWKS (all three LEAP_JWT_ISSUER,
 * LEAP_JWT_AUDIENCE and LEAP_JWKS_URL set). Otherwise tokens are HS256 with LEAP_JWT_SECRET, or with
 * a secret generated into the data dir on first start (readable by the owner only).
 */
export function loadAuthConfig(env: AuthEnv): AuthConfig {
  if (env.LEAP_JWKS_URL) {
    if (!env.LEAP_JWT_ISSUER || !env.LEAP_JWT_AUDIENCE) {
      throw new Error('LEAP_JWKS_URL needs LEAP_JWT_ISSUER and LEAP_JWT_AUDIENCE');
    }
    return {
      mode: 'oidc',
      issuer: env.LEAP_JWT_ISSUER,
      audience: env.LEAP_JWT_AUDIENCE,
      jwksUrl: env.LEAP_JWKS_URL,
    };
  }
  const secret = env.LEAP_JWT_SECRET ?? embeddedSecret(dataDirOf(env));
  return { mode: 'embedded', secret: new TextEncoder().encode(secret) };
}

function embeddedSecret(dataDir: string): string {
  return privateSecret(dataDir, 'jwt-secret', () => randomBytes(48).toString('base64url'));
}
