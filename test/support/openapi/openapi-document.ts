import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The subset of OpenAPI 3.0 the checks read. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
}

export interface MediaType {
  schema?: Schema;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, { schema?: Schema }>;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<string, Operation>>>;
  components?: { schemas?: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
}

export interface DocumentedOperation {
  method: string;
  path: string;
  operation: Operation;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export async function fetchDocument(baseUrl: string): Promise<OpenApiDocument> {
  const response = await fetch(`${baseUrl}/docs-json`);
  if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}

/** Every operation of the document, as `get /v1/cases/{caseId}` and its operation object. */
export function operationsOf(document: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ method, path, operation }] : [];
    }),
  );
}

/** A schema with its `$ref`s followed and its `allOf` merged into one object schema. */
export function resolveSchema(schema: Schema, document: OpenApiDocument): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`${schema.$ref} names no schema`);
    return resolveSchema({ ...target, ...withoutKey(schema, '$ref') }, document);
  }
  if (!schema.allOf) return schema;
  const parts = schema.allOf.map((part) => resolveSchema(part, document));
  const merged: Schema = { ...withoutKey(schema, 'allOf') };
  for (const part of parts) {
    merged.type ??= part.type;
    merged.enum ??= part.enum;
    if (part.properties) merged.properties = { ...merged.properties, ...part.properties };
    if (part.required) merged.required = [...(merged.required ?? []), ...part.required];
    if (part.additionalProperties !== undefined) merged.additionalProperties ??= part.additionalProperties;
  }
  return merged;
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

/** The `code` values a problem answer documents (empty when it documents none). */
export function documentedCodes(response: ResponseObject, document: OpenApiDocument): string[] {
  const schema = response.content?.['application/problem+json']?.schema;
  if (!schema) return [];
  const code = resolveSchema(schema, document).properties?.code;
  return code ? ((resolveSchema(code, document).enum ?? []) as string[]) : [];
}

const ROOT = join(__dirname, '../../..');

const VALIDATE = `
import { Validator } from '@seriousme/openapi-schema-validator';
let text = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (text += chunk));
process.stdin.on('end', async () => {
  const validator = new Validator();
  const result = await validator.validate(JSON.parse(text));
  process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? [] }));
});
`;

/**
 * Validates a document against the OpenAPI specification's own schema with
 * @seriousme/openapi-schema-validator. It is an ES module only, which Jest's CommonJS runtime cannot
 * load, so it runs in a Node process of its own.
 */
export function validateOpenApi(
  document: unknown,
): Promise<{ valid: boolean; version: string; errors: unknown[] | string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', VALIDATE],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`the validator failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout));
      },
    );
    child.stdin?.end(JSON.stringify(document));
  });
}
