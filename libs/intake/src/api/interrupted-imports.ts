import { readHistory } from '@leap/commands';
import { importStreamOf, type ImportStarted } from '@leap/domain';
import type { EventStore } from '@leap/event-store';
import { recordImportEvent } from '../reader/import-record';

/**
 * Records an import that was still running when its process stopped as failed (`interrupted`),
 * with no counts (they were kept in memory only); an import that ended, or never started, is left
 * alone. Recorded by `system`, correlated by the import id like the rest of the import.
 */
export async function recordInterrupted(store: EventStore, importId: string): Promise<void> {
  const history = await readHistory(store, importStreamOf(importId));
  const started = history[0];
  if (history.length !== 1 || started?.type !== 'ImportStarted.v1') return;
  const { kind, districtId } = started.data as ImportStarted['data'];
  const now = new Date();
  await recordImportEvent(
    store,
    {
      importId,
      kind,
      districtId,
      context: {
        actor: { id: 'system', role: 'system' },
        commandId: importId,
        correlationId: importId,
        causationId: importId,
        receivedAt: now,
      },
    },
    {
      type: 'ImportFailed.v1',
      data: {
        importId,
        reason: 'interrupted',
        counts: { rows: 0, accepted: 0, rejected: 0, appended: 0 },
        rejectedRows: [],
        failedAt: now.toISOString(),
      },
    },
  );
}
