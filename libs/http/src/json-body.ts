import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { inspectRequestInput } from './request-input';
import { RequestValidationError } from './request-validation';
import { handlerTakesBody } from './route-arguments';

/** A body that is not JSON on a route that takes one (HTTP 415 `unsupported_media_type`). */
export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor() {
    super('Send the body as application/json (or application/*+json)');
  }
}

/** `application/json` or a `+json` type such as `application/problem+json`, with any parameters. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return mediaType === 'application/json' || /^application\/[a-z0-9!#$&^_.-]+\+json$/.test(mediaType);
}

/** Which requests the JSON body parser reads: the same test the 415 answer applies. */
export const isJsonRequest = (request: IncomingMessage): boolean =>
  isJsonMediaType(request.headers['content-type']);

/**
 * Express middleware right after the JSON body parser: inspects the parsed body before any route,
 * guard or transformation sees it (see inspectRequestInput). Too deep answers 400 `too_deep`;
 * prototype keys and bad strings answer 400 `validation_failed` with their paths.
 */
export function inspectJsonBody(request: Request, _response: Response, next: NextFunction): void {
  if (request.body !== undefined) {
    const inspected = inspectRequestInput<unknown>(request.body);
    if (inspected.violations.length > 0) throw new RequestValidationError(inspected.violations);
    request.body = inspected.value;
  }
  next();
}

const takesBodyCache = new WeakMap<object, boolean>();

function takesBody(context: ExecutionContext): boolean {
  const handler = context.getHandler();
  let known = takesBodyCache.get(handler);
  if (known === undefined) {
    known = handlerTakesBody(context.getClass(), handler.name);
    takesBodyCache.set(handler, known);
  }
  return known;
}

/**
 * A route that takes a body takes it as JSON: anything else (text, a form, no content type) answers
 * 415 instead of being read as an empty body and answered with misleading field errors. Routes
 * without a body (GETs, `.../claim`) need no content type. Runs after authentication.
 */
@Injectable()
export class JsonBodyRequired implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && takesBody(context)) {
      if (!isJsonRequest(context.switchToHttp().getRequest<Request>())) throw new UnsupportedMediaTypeError();
    }
    return next.handle();
  }
}
