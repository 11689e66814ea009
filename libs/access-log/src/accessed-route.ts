import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** What an access record says about the request: the route pattern and the query without personal data. */
export interface AccessedRoute {
  /** Method and route pattern, e.g. `GET /v1/cases/:caseId`: ids are in the record's `caseIds`. */
  route: string;
  query: Record<string, string>;
}

export const REDACTED = '[redacted]';
/** Query parameters whose values may be personal data (a name or student id searched for). */
const PERSONAL_PARAMETERS = new Set(['q']);

/** The query as recorded: personal values replaced by `[redacted]`, repeated parameters joined. */
export function redactQuery(query: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [
      name,
      PERSONAL_PARAMETERS.has(name) ? REDACTED : [value].flat().map(String).join(','),
    ]),
  );
}

export function accessedRouteOf(
  request: Pick<Request, 'method' | 'route' | 'baseUrl' | 'query'>,
): AccessedRoute {
  const pattern = `${request.baseUrl ?? ''}${(request.route as { path?: string } | undefined)?.path ?? ''}`;
  return {
    route: `${request.method} ${pattern}`,
    query: redactQuery(request.query as Record<string, unknown>),
  };
}

/** The request as an access record names it (for routes that serve personal data). */
export const CurrentRoute = createParamDecorator((_: unknown, context: ExecutionContext): AccessedRoute =>
  accessedRouteOf(context.switchToHttp().getRequest<Request>()),
);
