import { request as httpRequest } from 'node:http';
import type { OpenApiDocument } from './openapi-document';
import { schemaViolations } from './schema-conformance';

export interface Answer {
  status: number;
  contentType: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the text when it is not JSON. */
  body: any;
}

export interface Ask {
  /** Values for the `{name}` placeholders of the documented path. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** Sent as JSON unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** The status expected; without it, any success (2xx). */
  status?: number;
}

/** Why an answer is not what the document says the operation answers, or nothing. */
export function undocumented(
  document: OpenApiDocument,
  method: string,
  path: string,
  answer: Answer,
): string[] {
  const operation = document.paths[path]?.[method];
  if (!operation) return [`${method.toUpperCase()} ${path} is not documented`];
  const response = operation.responses[String(answer.status)];
  if (!response)
    return [`${answer.status} is not documented (only ${Object.keys(operation.responses).join(', ')})`];
  const mediaType = answer.contentType.split(';')[0]!.trim();
  const content = response.content?.[mediaType];
  if (!content?.schema) return [`${answer.status} ${mediaType} is not documented`];
  const problems = schemaViolations(answer.body, content.schema, document);
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const value = answer.headers[name.toLowerCase()];
    if (typeof value === 'string' && header.schema)
      problems.push(...schemaViolations(value, header.schema, document, `header ${name}`));
  }
  return problems;
}

/**
 * Sends requests as one login (or none) and checks every answer: it has the status expected, that
 * status is documented for the operation, and the body matches the documented schema (for problems:
 * the `code` is one the operation lists for that status). Plain `node:http`, so a GET may carry a body.
 */
export class DocumentedClient {
  constructor(
    private readonly baseUrl: string,
    private readonly document: OpenApiDocument,
    private readonly token: string | null,
  ) {}

  async send(method: string, path: string, ask: Ask = {}): Promise<Answer> {
    const answer = await this.exchange(method, this.urlOf(path, ask), ask);
    const expected = ask.status === undefined ? answer.status < 300 : answer.status === ask.status;
    const problems = [
      ...(expected ? [] : [`expected ${ask.status ?? 'a success'}`]),
      ...undocumented(this.document, method.toLowerCase(), path, answer),
    ];
    if (problems.length > 0)
      throw new Error(
        `${method} ${path} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}\n${problems.join('\n')}`,
      );
    return answer;
  }

  get = (path: string, ask?: Ask) => this.send('GET', path, ask);
  post = (path: string, ask?: Ask) => this.send('POST', path, ask);
  put = (path: string, ask?: Ask) => this.send('PUT', path, ask);

  private urlOf(path: string, { params = {}, query }: Ask): string {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`no value for {${name}} of ${path}`);
      return encodeURIComponent(value);
    });
    return query ? `${filled}?${new URLSearchParams(query)}` : filled;
  }

  private exchange(method: string, url: string, ask: Ask): Promise<Answer> {
    const text = ask.rawBody ?? (ask.body === undefined ? undefined : JSON.stringify(ask.body));
    const body = text === undefined ? undefined : Buffer.from(text, 'utf8');
    const headers: Record<string, string> = {
      ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...ask.headers,
    };
    const { hostname, port } = new URL(this.baseUrl);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ hostname, port, method, path: url, headers }, (response) => {
        let received = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (received += chunk));
        response.on('end', () => {
          let parsed: unknown = received;
          try {
            parsed = received === '' ? undefined : JSON.parse(received);
          } catch {
            // not JSON: compared as text
          }
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'] ?? '',
            headers: response.headers,
            body: parsed,
          });
        });
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}
