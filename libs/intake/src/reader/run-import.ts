import type { Readable } from 'node:stream';
import type { CommandContext } from '@leap/commands';
import type { ImportCounts, ImportKind, RejectedRow } from '@leap/domain';
import type { ImportEnvironment, ImportJob, Importer } from '../importer';
import { csvRows } from './csv-rows';
import { csvRowsInWorker } from './csv-rows-in-worker';
import { ImportStoppedError } from './import-stopped';
import { recordImportEvent } from './import-record';
import { ImportTally } from './import-tally';

export interface RunImportOptions {
  importer: Importer;
  /** The CSV file's bytes. */
  input: Readable;
  importId: string;
  /** The district the caller may import for, or null for state-wide callers (see `ImportJob`). */
  districtId: string | null;
  /** Attendance: the school year the file is for, when the caller names one (see `ImportJob`). */
  schoolYear?: string | null;
  /** The caller's context; its correlation and causation ids are replaced by the import id. */
  context: CommandContext;
  env: ImportEnvironment;
  /**
   * Parse the CSV on a worker thread (`csvRowsInWorker`) while the importer works on the main one:
   * for a process that runs one large import (the CLI). Default: on the main thread.
   */
  parseInWorker?: boolean;
  /** Called every 200 ms while the import runs and once at the end, with the counts so far. */
  onProgress?: (counts: ImportCounts) => void;
}

export interface ImportOutcome {
  importId: string;
  kind: ImportKind;
  status: 'completed' | 'failed';
  /** Why a failed import stopped (a stable code), and more about it (never a value from the file). */
  reason: string | null;
  detail: string | null;
  counts: ImportCounts;
  rejectedRows: RejectedRow[];
  /** An unexpected error that failed the import (`internal_error`), for the caller to log. */
  error?: unknown;
}

const PROGRESS_EVERY_MS = 200;

/**
 * Runs one import: records its start on `import-<importId>`, streams the file through the CSV
 * reader into the importer, and records how it ended (completed with counts and the first rejected
 * rows, or failed with a reason). Every event the import appends carries the import id as its
 * correlation and causation id. Never throws for bad input: the outcome says what happened.
 */
export async function runImport(options: RunImportOptions): Promise<ImportOutcome> {
  const { importer, input, importId, districtId, env } = options;
  // An input that fails before the parse reads it must not crash the process: the parse sees its error.
  input.on('error', () => undefined);
  const context: CommandContext = { ...options.context, correlationId: importId, causationId: importId };
  const { kind } = importer;
  const schoolYear = options.schoolYear ?? null;
  const job: ImportJob = { importId, kind, shape: '', columns: {}, districtId, schoolYear, context };
  await recordImportEvent(env.store, job, {
    type: 'ImportStarted.v1',
    data: {
      importId,
      kind,
      districtId,
      ...(schoolYear === null ? {} : { schoolYear }),
      startedAt: context.receivedAt.toISOString(),
    },
  });

  const tally = new ImportTally();
  const reader = options.parseInWorker ? csvRowsInWorker : csvRows;
  const { rows, header, read } = reader(input, importer.shapes, (line) =>
    tally.reject({ line, column: null, reason: 'malformed_csv' }),
  );
  const progress = options.onProgress;
  // Reported on a timer rather than by wrapping the rows: the importer gets the parser's own
  // stream and may take the rows already parsed in batches (a wrapping generator costs a promise
  // per row, a fifth of a large import's time).
  const reporting = progress
    ? setInterval(() => progress(tally.counts(read.records)), PROGRESS_EVERY_MS)
    : undefined;
  reporting?.unref();
  let failure: { reason: string; detail: string | null; error?: unknown } | null = null;
  try {
    const matched = await header;
    await importer.run(rows, { ...job, shape: matched.shape.name, columns: matched.index }, env, tally);
  } catch (error) {
    failure =
      error instanceof ImportStoppedError
        ? { reason: error.reason, detail: error.detail }
        : { reason: 'internal_error', detail: null, error };
  } finally {
    clearInterval(reporting);
    input.destroy();
    // Rows the importer left unread are dropped, and a parse thread ends with them.
    rows.destroy();
  }

  const counts = tally.counts(read.records);
  const rejectedRows = tally.reported();
  progress?.(counts);
  const at = new Date().toISOString();
  if (failure) {
    await recordImportEvent(env.store, job, {
      type: 'ImportFailed.v1',
      data: {
        importId,
        reason: failure.reason,
        counts,
        rejectedRows,
        failedAt: at,
        ...detailOf(failure.detail),
      },
    });
    return { importId, kind, status: 'failed', ...failure, counts, rejectedRows };
  }
  await recordImportEvent(env.store, job, {
    type: 'ImportCompleted.v1',
    data: { importId, counts, rejectedRows, completedAt: at },
  });
  return { importId, kind, status: 'completed', reason: null, detail: null, counts, rejectedRows };
}

/** `detail` is an addition to `ImportFailed.v1` data: readers of older events find none. */
const detailOf = (detail: string | null) => (detail ? { detail } : {});
