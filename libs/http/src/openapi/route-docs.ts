import { applyDecorators, type Type } from '@nestjs/common';
import { ApiHeader, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { handlerTakesPathParams } from '../route-arguments';
import { mergeProblems, problemResponses, type ProblemCodes } from './problem-docs';

/** What a route answers when it succeeds. */
export interface RouteAnswer {
  /** 200 unless the route creates something (201) or answers before its work is done (202). */
  status?: 200 | 201 | 202;
  /** The body: a class the @nestjs/swagger compiler plugin describes (a `*.dto.ts` file). */
  type: Type<unknown>;
  /** A body that is not JSON (e.g. `text/csv`): documented as a string of that media type. */
  produces?: string;
  description: string;
  headers?: Record<string, { description: string; schema: SchemaObject }>;
}

/**
 * Answers any route can give, before it is even chosen: the JSON body parser and its inspection run
 * for every request that declares a JSON body, a GET included (a charset or content encoding the
 * parser does not read is 415 there too).
 */
const REQUEST_PROBLEMS: ProblemCodes = {
  400: ['validation_failed', 'too_deep', 'malformed_json'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
};
/** A path parameter the router cannot percent-decode (`/v1/cases/%E0%A4%A`). */
const TAKES_PATH_PARAMS: ProblemCodes = { 400: ['bad_request'] };
/** A bearer token is verified, and the login's requests are counted (see libs/rate-limits). */
const AUTHENTICATED: ProblemCodes = { 401: ['unauthenticated'], 429: ['rate_limited'] };
/**
 * Every command runs the one command pipeline (`handleCommand`) and writes to the event store, which
 * seals personal data: `family_data_erased` when it would be recorded for an erased family.
 */
const COMMAND: ProblemCodes = {
  409: ['concurrent_update', 'family_data_erased'],
  412: ['revision_conflict'],
  422: ['idempotency_key_reused'],
  503: ['event_store_unavailable'],
};
/** A query that reads the event store's streams. */
export const READS_EVENT_STORE: ProblemCodes = { 503: ['event_store_unavailable'] };

const TOKEN = { type: 'string', pattern: '^[!-~]{1,200}$' };

/** The request headers `@CommandCtx()` reads. */
const commandHeaders = (): MethodDecorator[] => [
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Makes a retry safe: the same login repeating method, path and body with this key gets the first answer and appends nothing; the key with another request is 422 `idempotency_key_reused`.',
    schema: TOKEN,
  }),
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The revision the command was decided on (a command’s `revision`, or the case’s `ETag`); 412 `revision_conflict` when the stream has moved on.',
    schema: { type: 'string', pattern: '^"?[0-9]{1,18}"?$' },
  }),
  ApiHeader({
    name: 'X-Correlation-Id',
    required: false,
    description: 'Recorded in the metadata of the events written; defaults to the command id.',
    schema: TOKEN,
  }),
  ApiHeader({
    name: 'X-Causation-Id',
    required: false,
    description: 'What caused this command, recorded in the events’ metadata; defaults to the command id.',
    schema: TOKEN,
  }),
];

/**
 * The success answer, then one problem answer per status: the request-level codes every route can
 * answer, those of the route's kind, and the route's own.
 */
function documented(
  answer: RouteAnswer,
  kinds: ProblemCodes[],
  problems: ProblemCodes[],
  extra: MethodDecorator[] = [],
): MethodDecorator {
  return (target, key, descriptor) => {
    const params = handlerTakesPathParams(target.constructor, key) ? [TAKES_PATH_PARAMS] : [];
    const all = mergeProblems(REQUEST_PROBLEMS, ...params, ...kinds, ...problems);
    const { status = 200, type, produces, description, headers } = answer;
    const body = produces ? { content: { [produces]: { schema: { type: 'string' } } } } : { type };
    applyDecorators(
      ApiResponse({ status, ...body, description, ...(headers ? { headers } : {}) }),
      ...problemResponses(all).map((response) => ApiResponse(response)),
      ...extra,
    )(target, key, descriptor);
  };
}

/** A public route (health probes): no token, no body. */
export function ProbeRoute(answer: RouteAnswer, ...problems: ProblemCodes[]): MethodDecorator {
  return documented(answer, [], problems);
}

/** A read behind the bearer token; `problems` are the codes it answers beyond 400, 401, 413, 415 and 429. */
export function QueryRoute(answer: RouteAnswer, ...problems: ProblemCodes[]): MethodDecorator {
  return documented(answer, [AUTHENTICATED], problems);
}

/**
 * A command behind the bearer token, taking its context from `@CommandCtx()` (Idempotency-Key,
 * If-Match, correlation headers); `problems` are the codes it answers beyond those every command can.
 */
export function CommandRoute(answer: RouteAnswer, ...problems: ProblemCodes[]): MethodDecorator {
  return documented(answer, [AUTHENTICATED, COMMAND], problems, commandHeaders());
}
