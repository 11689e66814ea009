/**
 * An import (of a CSV file) and its outcome, stream `import-<importId>`. The import id is also the
 * correlation id of every event the import appends. Rejected rows are reported by line, column and
 * reason, never with the rejected value (it may be personal data).
 */
export const IMPORT_KINDS = ['schools', 'roster', 'attendance', 'district-profile'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface RejectedRow {
  /** 1-based line of the file where the row starts (the header is line 1). */
  line: number;
  /** The column at fault, as the file's header names it, or null for the whole row. */
  column: string | null;
  /** A stable code, e.g. `school_not_found`, `unknown_student`, `malformed_csv`, `duplicate_row`. */
  reason: string;
}

export interface ImportCounts {
  /** Data rows read (header excluded). */
  rows: number;
  accepted: number;
  rejected: number;
  /** Events appended (an unchanged re-import appends none). */
  appended: number;
}

export type ImportStarted = {
  type: 'ImportStarted.v1';
  data: {
    importId: string;
    kind: ImportKind;
    districtId: string | null;
    /** The school year the caller said the file is for (attendance), when it named one. */
    schoolYear?: string;
    startedAt: string;
  };
};
export type ImportCompleted = {
  type: 'ImportCompleted.v1';
  data: {
    importId: string;
    counts: ImportCounts;
    /** The first rejected rows (at most `MAX_REPORTED_REJECTIONS`); `counts.rejected` has them all. */
    rejectedRows: RejectedRow[];
    completedAt: string;
  };
};
/** The import stopped (e.g. the body exceeded its limit, or a wrong header): nothing more is appended. */
export type ImportFailed = {
  type: 'ImportFailed.v1';
  data: {
    importId: string;
    reason: string;
    counts: ImportCounts;
    rejectedRows: RejectedRow[];
    failedAt: string;
  };
};
export type ImportEvent = ImportStarted | ImportCompleted | ImportFailed;
export const importStreamOf = (importId: string): string => `import-${importId}`;
export const MAX_REPORTED_REJECTIONS = 10_000;
