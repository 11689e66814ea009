import { ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldViolation {
  /** Dotted path of the field in the request body, query or params (`baseline.daysAbsent`, `visitorIds.1`). */
  path: string;
  reason: string;
}

/** The request alone shows it is wrong (HTTP 400); lists every violated field. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  constructor(readonly violations: FieldViolation[]) {
    super(`Invalid request: ${violations.map((v) => `${v.path}: ${v.reason}`).join('; ')}`);
  }
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ path, reason }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/** Strict validation: unknown fields are refused, payloads are transformed into their DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
