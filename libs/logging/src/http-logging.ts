import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** What a caller may choose as request id: a short token, nothing that could smuggle text into logs. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Request-Id` when it is a sane token, else a new UUID. */
export function requestIdFor(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Path segments that are a district's real identifiers (a household id): logged as their parameter. */
const PERSONAL_PATH_SEGMENTS: ReadonlyArray<[RegExp, string]> = [
  [/^\/v1\/households\/[^/]+/, '/v1/households/:householdId'],
];

/**
 * The path without its query (`?q=` may hold a student's name), and without path segments that
 * are real household ids (`/v1/households/:householdId/erasure`).
 */
export function pathOf(request: { url?: string; originalUrl?: string }): string {
  const path = (request.originalUrl ?? request.url ?? '/').split('?')[0] ?? '/';
  return PERSONAL_PATH_SEGMENTS.reduce((shown, [pattern, name]) => shown.replace(pattern, name), path);
}

/**
 * Logs one line per HTTP request when its response is finished: method, path (never the query),
 * status, time taken and request id. Never the body, the headers (tokens), nor the query. The
 * request id is the caller's `X-Request-Id` when sane, else generated, and is echoed on the response.
 */
export function httpLogging(logger: Logger): HttpLogger {
  return pinoHttp({
    logger: logger.child({ context: 'HTTP' }),
    quietReqLogger: true,
    quietResLogger: true,
    genReqId: (request, response) => {
      const id = requestIdFor(request.headers['x-request-id']);
      response.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (request, response, ms) => requestLine(request, response, ms),
    customErrorMessage: (request, response) => requestLine(request, response),
    customSuccessObject: (request, response, fields: { responseTime: number }) => ({
      method: request.method,
      path: pathOf(request),
      status: response.statusCode,
      responseTime: fields.responseTime,
    }),
    customErrorObject: (request, response, error, fields: { responseTime: number }) => ({
      method: request.method,
      path: pathOf(request),
      status: response.statusCode,
      responseTime: fields.responseTime,
      err: { type: error.name, message: error.message },
    }),
  });
}

function requestLine(request: IncomingMessage, response: ServerResponse, ms?: number): string {
  return `${request.method} ${pathOf(request)} ${response.statusCode}${ms === undefined ? '' : ` ${ms}ms`}`;
}
