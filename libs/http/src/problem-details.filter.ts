import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ForbiddenError, NotAuthenticatedError } from '@leap/auth';
import {
  ConcurrencyRetriesExhaustedError,
  IdempotencyKeyReusedError,
  RevisionConflictError,
} from '@leap/commands';
import { DomainError } from '@leap/domain';
import { EventStoreUnavailableError } from '@leap/event-store';
import { KeyDestroyedError } from '@leap/privacy';
import { UnsupportedMediaTypeError } from './json-body';
import { RateLimitedError } from './rate-limited.error';
import { TooDeepError } from './request-input';
import { RequestValidationError } from './request-validation';

/** RFC 9457 problem details, with a stable machine-readable `code`. */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail?: string;
  [extension: string]: unknown;
}

/**
 * The one mapping from errors to HTTP answers. Anything unexpected is logged and answered 500
 * without internals; every known error class has its status and stable code here.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(error);
    // 503s (store unreachable, read model behind) are conditions, not bugs: no stack trace.
    if (problem.status === 503) this.logger.warn(error instanceof Error ? error.message : String(error));
    else if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (typeof problem.retryAfterSeconds === 'number')
      response.setHeader('Retry-After', String(problem.retryAfterSeconds));
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({ type: 'about:blank', ...problem });
  }

  toProblem(error: unknown): Problem {
    if (error instanceof RequestValidationError) {
      return {
        status: 400,
        code: 'validation_failed',
        title: 'The request is invalid',
        errors: error.violations,
      };
    }
    if (error instanceof TooDeepError) {
      return { status: 400, code: 'too_deep', title: 'The request nests too deeply', detail: error.message };
    }
    if (error instanceof UnsupportedMediaTypeError) {
      return {
        status: 415,
        code: 'unsupported_media_type',
        title: 'The body must be JSON',
        detail: error.message,
      };
    }
    if (error instanceof DomainError) {
      return error.kind === 'not_found'
        ? { status: 404, code: error.code, title: 'Not found', detail: error.message }
        : { status: 409, code: error.code, title: 'The case does not allow this', detail: error.message };
    }
    if (error instanceof NotAuthenticatedError) {
      return {
        status: 401,
        code: 'unauthenticated',
        title: 'Authentication required',
        detail: error.message,
      };
    }
    if (error instanceof ForbiddenError) {
      return { status: 403, code: error.code, title: 'Forbidden', detail: error.message };
    }
    if (error instanceof RevisionConflictError) {
      return {
        status: 412,
        code: 'revision_conflict',
        title: 'The revision in If-Match is no longer current',
        detail: error.message,
        currentRevision: error.currentRevision === null ? null : Number(error.currentRevision),
      };
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return {
        status: 422,
        code: 'idempotency_key_reused',
        title: 'Idempotency-Key reused',
        detail: error.message,
      };
    }
    if (error instanceof EventStoreUnavailableError) {
      return {
        status: 503,
        code: 'event_store_unavailable',
        title: 'The event store is unavailable; retry later (a retry with the same Idempotency-Key is safe)',
        retryAfterSeconds: 2,
      };
    }
    if (error instanceof KeyDestroyedError) {
      // The key id names a stream, not a person; still, nothing of it goes into the answer.
      return {
        status: 409,
        code: 'family_data_erased',
        title: "The family's personal data was erased; nothing personal can be recorded for it again",
      };
    }
    if (error instanceof RateLimitedError) {
      return {
        status: 429,
        code: 'rate_limited',
        title: 'Too many requests; retry after Retry-After seconds',
        retryAfterSeconds: error.retryAfterSeconds,
      };
    }
    if (error instanceof ConcurrencyRetriesExhaustedError) {
      return { status: 409, code: 'concurrent_update', title: 'Try again', detail: error.message };
    }
    return fromHttpOrBodyParser(error);
  }
}

function fromHttpOrBodyParser(error: unknown): Problem {
  // body-parser errors carry `status` and `type` (entity.too.large, entity.parse.failed, ...);
  // the Express adapter wraps them in an HttpException whose `cause` is the original.
  const parserError = ((error instanceof HttpException ? error.cause : undefined) ?? error) as {
    status?: number;
    type?: string;
    message?: string;
  };
  if (parserError?.type === 'entity.too.large') {
    return { status: 413, code: 'payload_too_large', title: 'The request body is too large' };
  }
  if (parserError?.type === 'entity.parse.failed') {
    return { status: 400, code: 'malformed_json', title: 'The request body is not valid JSON', errors: [] };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const code = typeof body === 'object' && body && 'code' in body ? String(body.code) : httpCode(status);
    return { status, code, title: error.message };
  }
  if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return {
      status: parserError.status,
      code: httpCode(parserError.status),
      title: parserError.message ?? 'Bad request',
    };
  }
  return { status: 500, code: 'internal_error', title: 'Something went wrong on our side' };
}

function httpCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad_request',
    404: 'route_not_found',
    405: 'method_not_allowed',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    503: 'unavailable',
  };
  return codes[status] ?? `http_${status}`;
}
