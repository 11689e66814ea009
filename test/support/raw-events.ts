import { randomUUID } from 'node:crypto';
import { buildMetadata } from '@leap/commands';
import type { TestApi } from './harness';

export interface RawEvent {
  type: string;
  data: Record<string, unknown>;
  /** The command that wrote it, as the metadata names it. */
  commandType: string;
  /** Who wrote it: a login, or `system`. */
  actor?: { id: string; role: string };
}

/**
 * Appends events to the end of a case stream as they are, bypassing decide: how a store written by an
 * earlier version (or the follow-up worker) looks. Answers the revision of the last one.
 */
export async function appendRaw(api: TestApi, caseId: string, events: RawEvent[]): Promise<number> {
  const store = api.openStore();
  try {
    const streamId = `case-${caseId}`;
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    const appended = await store.appendToStream(
      streamId,
      events.map(({ type, data, commandType, actor = { id: 'ana', role: 'home_visitor' } }) => {
        const commandId = randomUUID();
        const context = {
          actor,
          commandId,
          correlationId: commandId,
          causationId: commandId,
          receivedAt: new Date(),
        };
        return {
          id: randomUUID(),
          type,
          data,
          metadata: buildMetadata(context, { districtId: 'd1', schoolId: 'sch-1' }, commandType),
        };
      }),
      last!.revision,
    );
    return Number(appended.nextRevision);
  } finally {
    await store.close();
  }
}
