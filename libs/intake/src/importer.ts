import type { CommandContext } from '@leap/commands';
import type { ImportKind, Pseudonymize, RejectedRow } from '@leap/domain';
import type { EventStore } from '@leap/event-store';

/**
 * The contract between the CSV reader and the importer of each kind of file. The reader (one for
 * every kind) streams the file through csv-parse, matches its header against the importer's shapes
 * (exact column names, any order, ignoring case and surrounding spaces), reports malformed rows, and
 * hands every well-formed data row to the importer, which validates it, rejects what is wrong (row
 * by row, keeping the good rows) and appends events. The reader records the import's outcome.
 */

/**
 * One data row: its fields as the file orders them (trimmed), read by the index `ImportJob.columns`
 * gives each canonical column name. No object keyed by column names is made per row: a million-row
 * file would pay for a million of them.
 */
export interface CsvRow {
  /** 1-based line of the file where the row starts (the header is line 1). */
  line: number;
  fields: readonly string[];
}

/** Where each canonical column of the matched shape sits in a row's `fields`. */
export type ColumnIndex = Readonly<Record<string, number>>;

/** The column's text in the row ('' when the column is absent: an optional column the file lacks). */
export const fieldOf = (row: CsvRow, columns: ColumnIndex, column: string): string => {
  const index = columns[column];
  return index === undefined ? '' : (row.fields[index] ?? '');
};

/** The row keyed by column name: for tests and messages, not for the rows of a large file. */
export function valuesOf(row: CsvRow, columns: ColumnIndex): Record<string, string> {
  return Object.fromEntries(Object.entries(columns).map(([name, index]) => [name, row.fields[index] ?? '']));
}

/** The columns of one file shape, by canonical name (snake_case, as `examples/` headers write them). */
export interface ImportShape {
  /** e.g. `daily` or `period` for attendance; the kind itself for kinds with a single shape. */
  name: string;
  required: readonly string[];
  optional: readonly string[];
}

export interface ImportJob {
  /** Also the correlation id of every event the import appends. */
  importId: string;
  kind: ImportKind;
  /** The shape the header matched. */
  shape: string;
  /** Where each column of the file sits in a row's `fields`, by canonical name. */
  columns: ColumnIndex;
  /**
   * The district the caller may import for; rows naming another district are rejected
   * (`wrong_district`). Null for state-wide callers (district profiles; admins naming any district).
   */
  districtId: string | null;
  /**
   * The school year the file is for (`2025-26`), when the caller names one: attendance dated outside
   * it is rejected (`outside_school_year`). Null: any school year.
   */
  schoolYear: string | null;
  /** Actor, `correlationId` = `causationId` = importId, `receivedAt`. */
  context: CommandContext;
}

export interface ImportEnvironment {
  /** The application's event store (it seals `pii` on append). */
  store: EventStore;
  pseudonymize: Pseudonymize;
  /** Today's business date in the districts' time zone: later dates are rejected (`future_date`). */
  today: string;
}

/** What an importer reports as it goes; the reader counts rows and keeps the first rejections. */
export interface ImportProgress {
  reject(row: RejectedRow): void;
  accept(count?: number): void;
  appended(count: number): void;
}

export interface Importer {
  kind: ImportKind;
  shapes: readonly ImportShape[];
  /**
   * Imports the rows. From the CSV reader, `rows` is csv-parse's own object-mode `Readable`: an
   * importer may drain what is buffered with `read()` in batches instead of one turn per row.
   * Other callers (specs, the demo) may pass any async iterable.
   */
  run(
    rows: AsyncIterable<CsvRow>,
    job: ImportJob,
    env: ImportEnvironment,
    progress: ImportProgress,
  ): Promise<void>;
}
