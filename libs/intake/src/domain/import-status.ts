import type { ImportCounts, ImportEvent, ImportKind, RejectedRow } from '@leap/domain';

/** An import as `import-<importId>` tells it: running until it records how it ended. */
export interface ImportStatus {
  importId: string;
  kind: ImportKind;
  districtId: string | null;
  status: 'running' | 'completed' | 'failed';
  /** Why a failed import stopped (a stable code), and more about it. */
  reason: string | null;
  detail: string | null;
  counts: ImportCounts;
  rejectedRows: RejectedRow[];
  startedAt: string;
  finishedAt: string | null;
}

const NO_COUNTS: ImportCounts = { rows: 0, accepted: 0, rejected: 0, appended: 0 };

export const importStatusOf = (events: readonly ImportEvent[]): ImportStatus | null =>
  events.reduce(evolveImportStatus, null);

function evolveImportStatus(status: ImportStatus | null, event: ImportEvent): ImportStatus | null {
  switch (event.type) {
    case 'ImportStarted.v1': {
      const { importId, kind, districtId, startedAt } = event.data;
      return {
        importId,
        kind,
        districtId,
        status: 'running',
        reason: null,
        detail: null,
        counts: NO_COUNTS,
        rejectedRows: [],
        startedAt,
        finishedAt: null,
      };
    }
    case 'ImportCompleted.v1': {
      if (!status) return status;
      const { counts, rejectedRows, completedAt } = event.data;
      return { ...status, status: 'completed', counts, rejectedRows, finishedAt: completedAt };
    }
    case 'ImportFailed.v1': {
      if (!status) return status;
      const { reason, counts, rejectedRows, failedAt } = event.data;
      // `detail` came with the CSV reader's own reasons: older failures have none.
      const detail = (event.data as { detail?: string }).detail ?? null;
      return { ...status, status: 'failed', reason, detail, counts, rejectedRows, finishedAt: failedAt };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
