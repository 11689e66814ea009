import { buildMetadata, deterministicUuid } from '@leap/commands';
import { importStreamOf, type ImportEvent } from '@leap/domain';
import type { EventStore, JsonObject } from '@leap/event-store';
import type { ImportJob } from '../importer';

/**
 * Appends an import's own events to `import-<importId>`: started first (the stream must not exist:
 * an import id is used once), then exactly one of completed or failed. Event ids derive from the
 * import id, so a retried append lands once.
 */
export async function recordImportEvent(
  store: EventStore,
  job: Pick<ImportJob, 'importId' | 'kind' | 'districtId' | 'context'>,
  event: ImportEvent,
): Promise<void> {
  const started = event.type === 'ImportStarted.v1';
  await store.appendToStream(
    importStreamOf(job.importId),
    [
      {
        id: deterministicUuid(job.importId, event.type),
        type: event.type,
        data: event.data as unknown as JsonObject,
        metadata: buildMetadata(
          job.context,
          { districtId: job.districtId, schoolId: null },
          `Import:${job.kind}`,
        ),
      },
    ],
    started ? 'no_stream' : 0n,
  );
}
