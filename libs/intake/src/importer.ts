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

/** One data row, keyed by the canonical column names of the matched shape. */
export interface CsvRow {
  /** 1-based line of the file where the row starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
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
  /**
   * The district the caller may import for; rows naming another district are rejected
   * (`wrong_district`). Null for state-wide callers (district profiles; admins naming any district).
   */
  districtId: string | null;
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
