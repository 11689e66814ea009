import {
  ValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type ValidationError,
} from '@nestjs/common';
import { inspectRequestInput } from './request-input';

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

/**
 * Constraints that say a value has the wrong type or shape. When one fails, the rules for values of
 * the right type (`min`, `max`, `isIn`, ...) say nothing useful, so only it is reported.
 */
const TYPE_CONSTRAINTS = [
  'isDefined',
  'isObject',
  'nestedValidation',
  'isArray',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
];

/**
 * One violation per field: its type error if it has one, otherwise the first of its rules as the
 * DTO declares them (class-validator runs and lists them bottom-up, so that is the last one listed).
 * A constraint may blame a field inside the decorated one with the context `{ path: 'asOf' }`.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldViolation[] {
  const seen = new Set<string>();
  const violations: FieldViolation[] = [];
  const pending = errors.map((error) => ({ error, parent })).reverse();
  while (pending.length > 0) {
    const { error, parent: at } = pending.pop()!;
    const path = at ? `${at}.${error.property}` : error.property;
    const chosen = chooseConstraint(error.constraints ?? {});
    if (chosen) {
      const subPath = (error.contexts?.[chosen.name] as { path?: string } | undefined)?.path;
      const violationPath = subPath ? `${path}.${subPath}` : path;
      if (!seen.has(violationPath)) {
        seen.add(violationPath);
        violations.push({ path: violationPath, reason: chosen.reason });
      }
    }
    for (const child of [...(error.children ?? [])].reverse()) pending.push({ error: child, parent: path });
  }
  return violations;
}

function chooseConstraint(constraints: Record<string, string>): { name: string; reason: string } | null {
  const names = Object.keys(constraints);
  const name = TYPE_CONSTRAINTS.find((type) => names.includes(type)) ?? names.at(-1);
  return name === undefined ? null : { name, reason: constraints[name]! };
}

/**
 * The global pipe. Query strings and path parameters are inspected first (nesting, prototype keys,
 * control characters, NFC) — bodies were inspected when parsed — then validated strictly: unknown
 * fields are refused, payloads are transformed into their DTO classes.
 */
export class RequestValidationPipe implements PipeTransform {
  private readonly validation = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });

  transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' || metadata.type === 'param') {
      const inspected = inspectRequestInput(value, metadata.data ?? '');
      if (inspected.violations.length > 0) throw new RequestValidationError(inspected.violations);
      value = inspected.value;
    }
    return this.validation.transform(value, metadata);
  }
}
