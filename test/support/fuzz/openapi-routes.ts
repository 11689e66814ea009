import fc from 'fast-check';

/** The subset of OpenAPI 3 schema objects the generators read. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}

export interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path with `{param}` placeholders. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  body: Schema | null;
}

export interface ApiDescription {
  routes: Route[];
  schemas: Record<string, Schema>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation the running API documents at `/docs-json`: new routes are picked up as they appear. */
export async function discoverRoutes(baseUrl: string): Promise<ApiDescription> {
  const response = await fetch(`${baseUrl}/docs-json`);
  if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
  const document = (await response.json()) as {
    paths: Record<string, Record<string, any>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      const parameters: Array<{ name: string; in: string }> = operation.parameters ?? [];
      routes.push({
        method,
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body: operation.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return { routes, schemas: document.components?.schemas ?? {} };
}

/** Values chosen by property name, where a random string would never get past validation. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/**
 * A value shaped like the schema says (required properties present, enums respected), so that
 * mutations of it reach the rules behind the first type check. Unknown shapes get any JSON.
 */
export function valueOf(
  schema: Schema,
  schemas: Record<string, Schema>,
  hints: Hints,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, schemas);
  const hint = hints[name];
  if (hint) return hint;
  if (resolved.enum) return fc.constantFrom(...resolved.enum);
  switch (resolved.type) {
    case 'string':
      return fc.string({ maxLength: 20 });
    case 'integer':
      return fc.integer({ min: -2, max: 450 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(valueOf(resolved.items ?? {}, schemas, hints, name, depth + 1), { maxLength: 3 });
    case 'object':
    case undefined: {
      if (!resolved.properties || depth > 4) return fc.jsonValue({ maxDepth: 2 });
      const model = Object.fromEntries(
        Object.entries(resolved.properties).map(([key, property]) => [
          key,
          valueOf(property, schemas, hints, key, depth + 1),
        ]),
      );
      return fc.record(model, { requiredKeys: resolved.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function resolve(schema: Schema, schemas: Record<string, Schema>): Schema {
  let current = schema;
  for (let hops = 0; hops < 10; hops++) {
    if (current.allOf?.length === 1 && current.allOf[0]) current = { ...current.allOf[0] };
    else if (current.$ref) current = schemas[current.$ref.split('/').pop() ?? ''] ?? {};
    else return current;
  }
  return current;
}
