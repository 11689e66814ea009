import type { ApiResponseOptions, SchemaObject } from '@nestjs/swagger';

/** Statuses answered as `application/problem+json` (see ProblemDetailsFilter). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 503;

/** The stable `code`s a route can answer, by status. */
export type ProblemCodes = Partial<Record<ProblemStatus, readonly string[]>>;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * The problem document every error answer carries (RFC 9457 plus a stable `code`), and the field
 * violations of a 400. Registered as components of the document by `withProblemSchemas`.
 */
export const PROBLEM_SCHEMAS: Record<string, SchemaObject> = {
  FieldViolation: {
    type: 'object',
    required: ['path', 'reason'],
    properties: {
      path: {
        type: 'string',
        description: 'Dotted path of the field: `baseline.daysAbsent`, `visitorIds.1`, `headers.If-Match`.',
      },
      reason: { type: 'string', description: 'Why the value is refused, in words.' },
    },
  },
  Problem: {
    type: 'object',
    required: ['type', 'status', 'code', 'title'],
    properties: {
      type: { type: 'string', enum: ['about:blank'] },
      status: { type: 'integer', description: 'The HTTP status, repeated.' },
      code: { type: 'string', description: 'Stable, machine-readable reason; each answer lists its codes.' },
      title: { type: 'string' },
      detail: { type: 'string', description: 'What went wrong in this request, when there is more to say.' },
      errors: {
        type: 'array',
        description:
          'With `validation_failed` (every bad field, one reason each) and `malformed_json` (empty).',
        items: { $ref: '#/components/schemas/FieldViolation' },
      },
      currentRevision: {
        type: 'integer',
        nullable: true,
        description: 'With `revision_conflict`: the revision the stream is at (null: it has none).',
      },
      retryAfterSeconds: {
        type: 'integer',
        description:
          'With `rate_limited` and `event_store_unavailable`: the same value as the `Retry-After` header.',
      },
    },
  },
};

/** Adds the problem schemas to a document configuration (before `SwaggerModule.createDocument`). */
export function withProblemSchemas<T extends { components?: { schemas?: Record<string, unknown> } }>(
  config: T,
): T {
  return {
    ...config,
    components: { ...config.components, schemas: { ...config.components?.schemas, ...PROBLEM_SCHEMAS } },
  };
}

const MEANINGS: Record<ProblemStatus, string> = {
  400: 'The request is invalid; `errors` lists every bad field with its `path` and `reason`.',
  401: 'No valid bearer token: missing, malformed, expired or badly signed.',
  403: 'The token covers the record, but its role or scope may not do this.',
  404: 'Not found; records outside the token’s scope answer exactly like missing ones.',
  409: 'The current state does not allow this; nothing was recorded.',
  412: '`If-Match` names a revision that is no longer current; nothing was recorded.',
  413: 'The request body is larger than 64 KB.',
  415: 'A route that takes a body needs it as JSON (`content-type: application/json` or `application/*+json`); any JSON body must be UTF-8, without a `content-encoding` the parser does not read.',
  422: 'The `Idempotency-Key` was already used for a different request by this login.',
  429: 'Too many requests from this login, or too many failed authentications from this client address; retry after `Retry-After` seconds.',
  503: 'A dependency is unavailable or behind; retry after `Retry-After` seconds when given.',
};

const RETRY_AFTER = {
  'Retry-After': {
    description:
      'Seconds to wait before retrying: sent with `rate_limited`, with `event_store_unavailable`, and with `read_model_behind` when the wait for `minPosition` ran out.',
    schema: { type: 'integer', minimum: 1 },
  },
};

/** Merges code lists by status, keeping each code once. */
export function mergeProblems(...lists: ProblemCodes[]): ProblemCodes {
  const merged: ProblemCodes = {};
  for (const list of lists) {
    for (const [status, codes] of Object.entries(list) as [`${ProblemStatus}`, readonly string[]][]) {
      const key = Number(status) as ProblemStatus;
      merged[key] = [...new Set([...(merged[key] ?? []), ...codes])];
    }
  }
  return merged;
}

/** One documented answer per status: the problem schema with `status` and `code` narrowed to what the route answers. */
export function problemResponses(problems: ProblemCodes): ApiResponseOptions[] {
  return (Object.entries(problems) as [`${ProblemStatus}`, readonly string[]][])
    .filter(([, codes]) => codes.length > 0)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([key, codes]) => {
      const status = Number(key) as ProblemStatus;
      const schema: SchemaObject = {
        allOf: [
          { $ref: '#/components/schemas/Problem' },
          {
            type: 'object',
            properties: {
              status: { type: 'integer', enum: [status] },
              code: { type: 'string', enum: [...codes] },
            },
          },
        ],
      };
      return {
        status,
        description: `${MEANINGS[status]} Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
        content: { [PROBLEM_MEDIA_TYPE]: { schema } },
        ...(status === 503 || status === 429 ? { headers: RETRY_AFTER } : {}),
      };
    });
}
