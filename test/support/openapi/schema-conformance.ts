import { resolveSchema, type OpenApiDocument, type Schema } from './openapi-document';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where a value does not match a schema of the document: its types, `nullable`, `enum`, `format`
 * (date, date-time), `pattern`, bounds, required properties and items. Strict about objects: a
 * property the schema does not declare is a violation (unless `additionalProperties` allows it), so
 * an answer cannot carry fields the documentation does not mention.
 */
export function schemaViolations(
  value: unknown,
  schema: Schema,
  document: OpenApiDocument,
  path = '$',
): string[] {
  const resolved = resolveSchema(schema, document);
  if (value === null) return resolved.nullable ? [] : [`${path} is null, which the schema does not allow`];
  const problems: string[] = [];
  if (resolved.enum && !resolved.enum.includes(value))
    problems.push(`${path} is ${JSON.stringify(value)}, not one of ${JSON.stringify(resolved.enum)}`);
  const type = resolved.type ?? (resolved.properties ? 'object' : undefined);
  switch (type) {
    case undefined:
      return problems;
    case 'object':
      return [...problems, ...objectViolations(value, resolved, document, path)];
    case 'array':
      if (!Array.isArray(value)) return [...problems, `${path} is not an array`];
      return [
        ...problems,
        ...value.flatMap((item, index) =>
          schemaViolations(item, resolved.items ?? {}, document, `${path}[${index}]`),
        ),
      ];
    case 'string':
      return [...problems, ...stringViolations(value, resolved, path)];
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (type === 'integer' && !Number.isInteger(value)))
        return [...problems, `${path} is ${JSON.stringify(value)}, not an ${type}`];
      if (resolved.minimum !== undefined && value < resolved.minimum) problems.push(`${path} < minimum`);
      if (resolved.maximum !== undefined && value > resolved.maximum) problems.push(`${path} > maximum`);
      return problems;
    case 'boolean':
      return typeof value === 'boolean' ? problems : [...problems, `${path} is not a boolean`];
    default:
      return [...problems, `${path}: the checker does not know type ${type}`];
  }
}

function objectViolations(value: unknown, schema: Schema, document: OpenApiDocument, path: string): string[] {
  if (!isPlainObject(value)) return [`${path} is not an object`];
  const problems: string[] = [];
  const properties = schema.properties ?? {};
  for (const name of schema.required ?? [])
    if (!(name in value)) problems.push(`${path}.${name} is required but absent`);
  for (const [name, item] of Object.entries(value)) {
    const declared = properties[name];
    if (declared) problems.push(...schemaViolations(item, declared, document, `${path}.${name}`));
    else if (typeof schema.additionalProperties === 'object')
      problems.push(...schemaViolations(item, schema.additionalProperties, document, `${path}.${name}`));
    else if (schema.additionalProperties !== true) problems.push(`${path}.${name} is not documented`);
  }
  return problems;
}

function stringViolations(value: unknown, schema: Schema, path: string): string[] {
  if (typeof value !== 'string') return [`${path} is ${JSON.stringify(value)}, not a string`];
  if (schema.format === 'date' && !DATE.test(value)) return [`${path} is "${value}", not a date`];
  if (schema.format === 'date-time' && !INSTANT.test(value)) return [`${path} is "${value}", not an instant`];
  if (schema.pattern && !new RegExp(schema.pattern).test(value))
    return [`${path} is "${value}", which does not match ${schema.pattern}`];
  return [];
}
