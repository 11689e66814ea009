import fc from 'fast-check';
import { valueOf, type ApiDescription, type Hints, type Route } from './openapi-routes';

/** One generated HTTP request, sent byte for byte as described. */
export interface FuzzRequest {
  role: string;
  method: string;
  /** Path and query string, already encoded. */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface FuzzContext {
  api: ApiDescription;
  /** Real ids by path parameter name (`caseId`, `visitorId`, ...), mixed with random ones. */
  ids: Record<string, string[]>;
  hints: Hints;
}

const nested = (depth: number, open: string, leaf: string, close: string) =>
  `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;

/** Strings with what breaks naive code: NUL, escapes, lone surrogates, combining marks, separators. */
export const nastyString = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '7',
    'é',
    'e\u0301',
    '\u0000',
    '\u001b',
    '\u007f',
    '\r',
    '\n',
    '\t',
    '\ud800',
    '\udc00',
    '\u2028',
    '😀',
    '"',
    '\\',
    '%',
    '/',
    ' ',
  ),
  maxLength: 24,
});

/** A JSON text fragment to put where a value belongs. */
const nastyFragment: fc.Arbitrary<string> = fc.oneof(
  nastyString.map((s) => JSON.stringify(s)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom('null', 'true', '0', '-1', '1.5', '1e308', '-0', '""', '[]', '{}', '"40"', '[{}]'),
  fc.constantFrom('"2026-02-30"', '"9999-12-31"', '"0000-01-01"', '"2026-01-01T00:00:00"', '"2019-27"'),
  fc
    .integer({ min: 20, max: 6000 })
    .chain((depth) => fc.constantFrom(nested(depth, '[', '', ']'), nested(depth, '{"a":', '1', '}'))),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => JSON.stringify('x'.repeat(n))),
  fc.constantFrom('{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}'),
);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const objectText = (entries: Array<[string, string]>) =>
  `{${entries.map(([key, text]) => `${JSON.stringify(key)}:${text}`).join(',')}}`;

/** The plausible value as JSON text, or with one field replaced, added (prototype keys too) or left out. */
function mutated(value: unknown): fc.Arbitrary<string> {
  if (!isPlainObject(value)) return fc.constant(JSON.stringify(value));
  const entries = Object.entries(value).map(([key, v]): [string, string] => [key, JSON.stringify(v)]);
  const keys = entries.map(([key]) => key);
  const options: fc.Arbitrary<string>[] = [
    fc.constant(objectText(entries)),
    fc
      .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField'), nastyFragment)
      .map(([key, text]) => objectText([[key, text], ...entries])),
  ];
  if (keys.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...keys), nastyFragment)
        .map(([key, text]) => objectText(entries.map(([k, v]) => [k, k === key ? text : v]))),
      fc.constantFrom(...keys).map((key) => objectText(entries.filter(([k]) => k !== key))),
    );
    const nestedKeys = keys.filter((key) => isPlainObject(value[key]));
    if (nestedKeys.length > 0)
      options.push(
        fc
          .constantFrom(...nestedKeys)
          .chain((key) =>
            mutated(value[key]).map((text) => objectText(entries.map(([k, v]) => [k, k === key ? text : v]))),
          ),
      );
  }
  return fc.oneof(...options);
}

function bodyFor(route: Route, context: FuzzContext): fc.Arbitrary<string | undefined> {
  if (route.method === 'get') return fc.constant(undefined);
  const broken = fc.constantFrom('', '{', '{"a":1,}', 'nul', '\u0000', '[1,2', '{"a":1}{"b":2}', '\ufeff{}');
  const oversized = fc.constant(JSON.stringify({ pad: 'x'.repeat(70_000) }));
  if (!route.body)
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: nastyFragment },
    );
  const plausible = valueOf(route.body, context.api.schemas, context.hints).chain(mutated);
  return fc.oneof(
    { weight: 8, arbitrary: plausible },
    { weight: 1, arbitrary: nastyFragment },
    { weight: 1, arbitrary: broken },
    { weight: 1, arbitrary: oversized },
  );
}

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/vnd.leap+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json;;;',
      'APPLICATION/JSON',
      '*/*',
      'application/jsonx',
    ),
  },
);

const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});
const idempotencyKey = fc.option(
  fc.oneof(fc.uuid(), headerText, fc.constantFrom('x'.repeat(300), 'é', 'a b')),
  {
    nil: undefined,
  },
);
const ifMatch = fc.option(
  fc.constantFrom('"0"', '0', '"1"', '3', 'abc', '*', 'W/"1"', '99999999999999999999', '"-1"'),
  { nil: undefined },
);

/** Encodes what can be encoded; a lone surrogate or a raw `%...` goes out as bytes the server must refuse. */
function encode(value: string): string {
  if (/^%[%0-9A-Za-z]*$/.test(value)) return value;
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function queryFor(route: Route, context: FuzzContext): fc.Arbitrary<string> {
  const key = fc.oneof(
    fc.constantFrom(...route.queryParams, 'minPosition', 'knownAt', 'asOf', 'limit'),
    fc.constantFrom('__proto__', 'constructor', 'unknown', 'a[b]', 'a.b', ''),
    nastyString,
  );
  const value = fc.oneof(
    nastyString,
    fc.constantFrom(...Object.values(context.ids).flat()),
    fc.constantFrom(
      '0',
      '-1',
      '99999999999999999999',
      'C1/P1',
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00',
    ),
    fc.constantFrom('%', '%00', '%E0%A4%A', 'me', 'unassigned', 'open', '201'),
  );
  return fc
    .array(fc.tuple(key, value), { maxLength: 4 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}` : ''));
}

function pathFor(route: Route, context: FuzzContext): fc.Arbitrary<string> {
  const weird = fc.oneof(
    nastyString,
    fc.constantFrom('..', '.', '%', '%00', '%E0%A4%A', 'a'.repeat(2000), '__proto__'),
  );
  const params = Object.fromEntries(
    route.pathParams.map((name) => [
      name,
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...(context.ids[name] ?? ['x'])) },
        { weight: 1, arbitrary: weird.filter((value) => value.length > 0) },
      ),
    ]),
  );
  return fc
    .record(params)
    .map((values) => route.path.replace(/\{(\w+)\}/g, (_all, name: string) => encode(values[name] ?? 'x')));
}

/** A request to `route` as `role` (or any of `roles`): mostly plausible, each with something wrong in it. */
export function requestFor(route: Route, context: FuzzContext, roles: string[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      role: fc.constantFrom(...roles),
      path: pathFor(route, context),
      query:
        route.method === 'get'
          ? queryFor(route, context)
          : fc.oneof(fc.constant(''), queryFor(route, context)),
      body: bodyFor(route, context),
      contentType,
      idempotencyKey,
      ifMatch,
    })
    .map(({ role, path, query, body, contentType: type, idempotencyKey: key, ifMatch: match }) => ({
      role,
      method: route.method.toUpperCase(),
      url: `${path}${query}`,
      body,
      headers: {
        ...(body !== undefined && type !== undefined ? { 'content-type': type } : {}),
        ...(key !== undefined ? { 'idempotency-key': key } : {}),
        ...(match !== undefined ? { 'if-match': match } : {}),
      },
    }));
}
