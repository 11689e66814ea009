import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { NotAuthenticatedError, type Principal } from '@leap/auth';
import { RequestValidationError, type FieldViolation } from './request-validation';
import { deterministicUuid, hashBody, type CommandContext } from '@leap/commands';

const TOKEN = /^[\x21-\x7e]{1,200}$/;
const REVISION = /^"?(\d{1,18})"?$/;

/**
 * The command id of a request carrying an `Idempotency-Key`. A key is the caller's own: the same key
 * from another login (another issuer, subject or district) is another command, never a replay of
 * this one nor a clash with it.
 */
export function idempotentCommandId(
  principal: Pick<Principal, 'issuer' | 'sub' | 'districtId'>,
  key: string,
): string {
  return deterministicUuid('command', principal.issuer, principal.sub, principal.districtId ?? '', key);
}

/**
 * Builds the command context from an HTTP request: the principal as actor, `Idempotency-Key`
 * (the command id is derived from the login — issuer, subject, district — and the key, so a retry is
 * the same command), `If-Match`
 * (a revision, bare or as an ETag), and `X-Correlation-Id` / `X-Causation-Id` when a caller chains.
 */
export const CommandCtx = createParamDecorator((_: unknown, execution: ExecutionContext): CommandContext => {
  const request = execution.switchToHttp().getRequest<Request & { principal?: Principal }>();
  const principal = request.principal;
  if (!principal) throw new NotAuthenticatedError('No authenticated principal');
  const violations: FieldViolation[] = [];
  const header = (name: string): string | undefined => {
    const value = request.header(name);
    if (value !== undefined && !TOKEN.test(value)) {
      violations.push({ path: `headers.${name}`, reason: `${name} must be 1-200 visible ASCII characters` });
      return undefined;
    }
    return value;
  };
  const key = header('Idempotency-Key');
  const ifMatch = header('If-Match');
  const correlationId = header('X-Correlation-Id');
  const causationId = header('X-Causation-Id');
  const revision = ifMatch === undefined ? undefined : REVISION.exec(ifMatch)?.[1];
  if (ifMatch !== undefined && revision === undefined) {
    violations.push({ path: 'headers.If-Match', reason: 'If-Match must be a stream revision such as "3"' });
  }
  if (violations.length > 0) throw new RequestValidationError(violations);

  const commandId = key ? idempotentCommandId(principal, key) : randomUUID();
  return {
    actor: { id: principal.sub, role: principal.role },
    commandId,
    correlationId: correlationId ?? commandId,
    causationId: causationId ?? commandId,
    receivedAt: new Date(),
    ...(key
      ? {
          idempotency: {
            key,
            requestHash: hashBody({ method: request.method, path: request.path, body: request.body }),
          },
        }
      : {}),
    ...(revision !== undefined ? { expectedRevision: BigInt(revision) } : {}),
  };
});
