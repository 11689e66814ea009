import type { CommandContext, Scope } from './command-context';

/**
 * The one place event metadata is built. Every appended event carries who did it (actor id and
 * role), where (district and school scope), which command, the correlation and causation chain,
 * when the system recorded it, and, for idempotent commands, the key and request hash.
 */
export interface EventMetadata {
  [key: string]: unknown;
  actorId: string;
  actorRole: string;
  districtId: string | null;
  schoolId: string | null;
  commandId: string;
  commandType: string;
  correlationId: string;
  causationId: string;
  recordedAt: string;
  idempotencyKey?: string;
  requestHash?: string;
}

export function buildMetadata(context: CommandContext, scope: Scope, commandType: string): EventMetadata {
  return {
    actorId: context.actor.id,
    actorRole: context.actor.role,
    districtId: scope.districtId,
    schoolId: scope.schoolId,
    commandId: context.commandId,
    commandType,
    correlationId: context.correlationId,
    causationId: context.causationId,
    recordedAt: context.receivedAt.toISOString(),
    ...(context.idempotency
      ? { idempotencyKey: context.idempotency.key, requestHash: context.idempotency.requestHash }
      : {}),
  };
}
