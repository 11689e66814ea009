import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/** Express `trust proxy`: off, a hop count, every proxy, or the proxies' addresses/subnets. */
export type TrustProxy = false | true | number | string[];

export interface HttpHardeningConfig {
  /** `LEAP_TRUST_PROXY`: whose `X-Forwarded-For` decides the client address (rate limits, logs). */
  trustProxy: TrustProxy;
  /** `LEAP_CORS_ORIGINS`: browser origins allowed to call the API; empty: CORS stays closed. */
  corsOrigins: string[];
}

/**
 * Reads `LEAP_TRUST_PROXY` (unset, `false` or `0`: off, the default, so a client cannot choose its
 * own address; a hop count such as `1`; `true`; or comma-separated addresses/subnets of the proxies,
 * e.g. `10.0.0.0/8,loopback`) and `LEAP_CORS_ORIGINS` (comma-separated origins, matched exactly).
 */
export function httpHardeningConfigFromEnv(env: NodeJS.ProcessEnv): HttpHardeningConfig {
  return {
    trustProxy: trustProxyFrom(env.LEAP_TRUST_PROXY),
    corsOrigins: corsOriginsFrom(env.LEAP_CORS_ORIGINS),
  };
}

function trustProxyFrom(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  if (/^[0-9]+$/.test(text)) return Number(text);
  const list = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (list.some((item) => !/^[0-9A-Za-z.:/]+$/.test(item)))
    throw new Error(`LEAP_TRUST_PROXY=${value} is not a hop count, true, or a list of proxy addresses`);
  return list;
}

function corsOriginsFrom(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new Error(`LEAP_CORS_ORIGINS: ${origin} is not an origin such as https://case.example.org`);
    }
    if (parsed.origin !== origin)
      throw new Error(
        `LEAP_CORS_ORIGINS: ${origin} is not an origin (scheme, host and port only: ${parsed.origin})`,
      );
  }
  return origins;
}

/** Headers a browser client may read from an answer (beyond the CORS-safelisted ones). */
const EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After', 'X-Request-Id'];

/**
 * Security headers (helmet), the client address behind proxies, and CORS closed unless configured.
 *
 * The content security policy is helmet's default (own origin only; inline styles allowed, which the
 * `/docs` page needs) without `upgrade-insecure-requests`, which would send the page's scripts and
 * styles to https when the API is served over plain HTTP (locally, or behind a TLS-terminating proxy
 * that talks HTTP to it). `trust proxy` is set before any middleware reads `request.ip`.
 */
export function hardenHttp(app: NestExpressApplication, config: HttpHardeningConfig): void {
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    app.enableCors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    });
  }
}
