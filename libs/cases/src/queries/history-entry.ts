import type { RecordedEvent } from '@leap/event-store';

/** One event of a case's history as the history answers it (shown events: opened or redacted already). */
export function toHistoryEntry(event: RecordedEvent) {
  const m = event.metadata;
  return {
    type: event.type,
    revision: Number(event.revision),
    position: event.position,
    recordedAt: event.recordedAt,
    data: event.data,
    metadata: {
      actorId: m.actorId,
      actorRole: m.actorRole,
      districtId: m.districtId,
      schoolId: m.schoolId,
      commandId: m.commandId,
      commandType: m.commandType,
      correlationId: m.correlationId,
      causationId: m.causationId,
      ...(m.idempotencyKey !== undefined ? { idempotencyKey: m.idempotencyKey } : {}),
    },
  };
}
