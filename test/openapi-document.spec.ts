import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  documentedCodes,
  fetchDocument,
  operationsOf,
  resolveSchema,
  validateOpenApi,
  type DocumentedOperation,
  type OpenApiDocument,
  type Schema,
} from './support/openapi/openapi-document';
import { dropQueueKeys } from '../libs/follow-ups/src/testing/follow-up-test-env';
import { ServerProcess } from './support/server-process';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** POST routes that compute an answer from their body and record nothing: no command headers. */
const COMPUTATIONS = ['post /v1/allocations/preview'];

/** The checks every operation must pass; each answers what is missing, or nothing. */
const OPERATION_CHECKS: Record<string, (op: DocumentedOperation, document: OpenApiDocument) => string[]> = {
  'documents each success with a JSON body schema': ({ operation }, document) =>
    Object.entries(operation.responses)
      .filter(([status]) => status.startsWith('2'))
      .flatMap(([status, response]) => {
        // An export (`*.csv`), a stream of lines (NDJSON) or a chart (`*.svg`) answers its own media
        // type as a string: its columns, lines or drawing are its own contract.
        if (response.content?.['text/csv']?.schema?.type === 'string') return [];
        if (response.content?.['application/x-ndjson']?.schema?.type === 'string') return [];
        if (response.content?.['image/svg+xml']?.schema?.type === 'string') return [];
        const schema = response.content?.['application/json']?.schema;
        return schema && !isEmptySchema(resolveSchema(schema, document))
          ? []
          : [`${status} has no application/json schema with content`];
      }),
  'answers errors as problem+json with the codes of each status': ({ operation }, document) => {
    const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
    const problems = errors.filter(([, response]) => response.content?.['application/problem+json']);
    const missing = problems.length === 0 ? ['no 4xx answer as application/problem+json'] : [];
    return [
      ...missing,
      ...errors
        .filter(
          ([status, response]) => status.startsWith('4') && !response.content?.['application/problem+json'],
        )
        .map(([status]) => `${status} is not application/problem+json`),
      ...problems.flatMap(([status, response]) => {
        const schema = resolveSchema(response.content!['application/problem+json']!.schema!, document);
        const statusEnum = resolveSchema(schema.properties?.status ?? {}, document).enum;
        return [
          ...(documentedCodes(response, document).length === 0 ? [`${status} lists no code`] : []),
          ...(JSON.stringify(statusEnum) === `[${status}]` ? [] : [`${status} does not pin status`]),
          ...(['type', 'status', 'code', 'title'].every((field) => schema.required?.includes(field))
            ? []
            : [`${status} does not require type, status, code and title`]),
        ];
      }),
    ];
  },
  'needs a bearer token exactly on /v1 routes, and says 401 there': ({ path, operation }, document) => {
    const bearer = (operation.security ?? []).some((requirement) => 'bearer' in requirement);
    const unauthenticated = operation.responses['401'];
    const problems: string[] = [];
    if (path.startsWith('/v1') !== bearer)
      problems.push(bearer ? 'a public route asks for a token' : 'no bearer');
    if (bearer !== (unauthenticated !== undefined)) problems.push('401 documented iff a token is needed');
    if (unauthenticated && !documentedCodes(unauthenticated, document).includes('unauthenticated'))
      problems.push('401 without `unauthenticated`');
    return problems;
  },
  'says 400, with field errors (and bad_request for undecodable path parameters), and 413': (
    { operation },
    document,
  ) => {
    const invalid = operation.responses['400'];
    const codes = invalid ? documentedCodes(invalid, document) : [];
    const problems: string[] = [];
    if (!codes.includes('validation_failed')) problems.push('no 400 validation_failed');
    const pathParams = (operation.parameters ?? []).some((parameter) => parameter.in === 'path');
    if (pathParams !== codes.includes('bad_request')) problems.push('400 bad_request iff path parameters');
    if (!operation.responses['413']) problems.push('no 413');
    return problems;
  },
  'takes bodies as JSON, and says 415': ({ operation }) => {
    const body = operation.requestBody;
    // An import (`/v1/imports/{kind}`) takes its file as `text/csv`: its columns are its own contract.
    const csv = body?.content['text/csv']?.schema?.type === 'string';
    return [
      ...(body && !csv && !body.content['application/json']?.schema
        ? ['a body that is not application/json']
        : []),
      ...(operation.responses['415'] ? [] : ['no 415']),
    ];
  },
  'documents Idempotency-Key and If-Match on every command': ({ method, path, operation }) => {
    if (method === 'get' || COMPUTATIONS.includes(`${method} ${path}`)) return [];
    const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    return ['Idempotency-Key', 'If-Match']
      .filter((name) => !headers.includes(name))
      .map((name) => `no ${name} header`);
  },
  'sends Retry-After with every problem 503 and 429': ({ operation }) =>
    ['503', '429'].flatMap((status) => {
      const answer = operation.responses[status];
      return answer?.content?.['application/problem+json'] && !answer.headers?.['Retry-After']
        ? [`${status} without Retry-After`]
        : [];
    }),
  'says 429 rate_limited exactly on /v1 routes (the health probes are never limited)': (
    { path, operation },
    document,
  ) => {
    const limited = operation.responses['429'];
    if (path.startsWith('/v1') !== (limited !== undefined)) return ['429 documented iff a /v1 route'];
    return limited && !documentedCodes(limited, document).includes('rate_limited')
      ? ['429 without `rate_limited`']
      : [];
  },
};

function isEmptySchema(schema: Schema): boolean {
  if (schema.items || schema.enum || schema.additionalProperties) return false;
  if (schema.properties) return Object.keys(schema.properties).length === 0;
  return schema.type === undefined || schema.type === 'object';
}

/** Properties that name a business date (`…On`, `date`) or an instant (`…At`, `…Until`, `until`). */
function formatProblems(name: string, schema: Schema, where: string): string[] {
  const expected = /On$|^date$/.test(name) ? 'date' : /At$|[uU]ntil$/.test(name) ? 'date-time' : null;
  return expected && schema.format !== expected ? [`${where}.${name} is not format ${expected}`] : [];
}

describe('when a newcomer reads the OpenAPI document of the built API', () => {
  let server: ServerProcess;
  let dataDir: string;
  let document: OpenApiDocument;
  const prefix = `leap-openapi-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'leap-openapi-'));
    server = await ServerProcess.start({
      EVENTSTORE_CONNECTION_STRING: '',
      LEAP_DATA_DIR: dataDir,
      LEAP_FOLLOW_UP_WORKERS: 'off',
      LEAP_QUEUE_PREFIX: prefix,
      REDIS_URL,
    });
    document = await fetchDocument(server.baseUrl);
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await dropQueueKeys(REDIS_URL, prefix);
  });

  it('is valid OpenAPI 3 by the specification’s own schema', async () => {
    const result = await validateOpenApi(document);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ valid: true, version: expect.stringMatching(/^3\./) });
  }, 30_000);

  it('would be refused by that validator if an answer lost its description', async () => {
    const broken = structuredClone(document);
    delete (broken.paths['/v1/cases']!.post!.responses['201'] as { description?: string }).description;
    expect((await validateOpenApi(broken)).valid).toBe(false);
  }, 30_000);

  it('is served as the interactive page at /docs', async () => {
    const page = await fetch(`${server.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
  });

  it.each(Object.keys(OPERATION_CHECKS))('%s, on every operation', (check) => {
    const failures = operationsOf(document).flatMap((op) =>
      OPERATION_CHECKS[check]!(op, document).map(
        (failure) => `${op.method.toUpperCase()} ${op.path}: ${failure}`,
      ),
    );
    expect(operationsOf(document).length).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });

  it('describes the problem document: type, status, code, title, detail, and errors of path and reason', () => {
    const problem = resolveSchema({ $ref: '#/components/schemas/Problem' }, document);
    expect(Object.keys(problem.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'status', 'code', 'title', 'detail', 'errors']),
    );
    const violation = resolveSchema(problem.properties!.errors!.items!, document);
    expect(violation).toMatchObject({ required: ['path', 'reason'] });
  });

  it('gives business dates format date and instants format date-time, in bodies, answers and queries', () => {
    const inSchemas = Object.entries(document.components?.schemas ?? {}).flatMap(([schemaName, schema]) =>
      Object.entries(schema.properties ?? {}).flatMap(([name, property]) =>
        formatProblems(name, resolveSchema(property, document), schemaName),
      ),
    );
    const inQueries = operationsOf(document).flatMap(({ path, operation }) =>
      (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .flatMap((parameter) => formatProblems(parameter.name, parameter.schema ?? {}, path)),
    );
    expect([...inSchemas, ...inQueries]).toEqual([]);
    const history = document.paths['/v1/cases/{caseId}/history']!.get!.parameters ?? [];
    expect(history.filter((p) => p.in === 'query').map((p) => [p.name, p.schema?.format])).toEqual([
      ['knownAt', 'date-time'],
      ['asOf', 'date-time'],
    ]);
  });

  it('bounds every page size and names every coded filter', () => {
    const queries = operationsOf(document).flatMap(({ operation }) =>
      (operation.parameters ?? []).filter((parameter) => parameter.in === 'query'),
    );
    const limits = queries.filter((parameter) => parameter.name === 'limit');
    expect(limits.length).toBeGreaterThan(0);
    for (const limit of limits)
      expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200 });
    const list = document.paths['/v1/cases']!.get!.parameters ?? [];
    for (const coded of ['status', 'stage', 'tier'])
      expect(list.find((p) => p.name === coded)?.schema?.enum?.length).toBeGreaterThan(1);
  });

  it('tells a reader of a case which revision to send back: the ETag header', () => {
    const read = document.paths['/v1/cases/{caseId}']!.get!.responses['200']!;
    expect(read.headers?.ETag).toBeDefined();
  });
});
