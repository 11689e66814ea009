import type { MatchedHeader } from './header-match';

/** What the main thread sends the CSV parse thread: the file's bytes, their end, a batch taken. */
export type ToParser = { chunk: Uint8Array } | { end: true } | { ack: true };

/** A batch of rows: every field of every row end to end in `text`, cut by `lengths`. */
export interface RowBatch {
  text: string;
  /** The length of each field, row after row. */
  lengths: Uint32Array;
  /** The line each row starts on. */
  lines: Uint32Array;
  /** The number of fields of each row. */
  widths: Uint16Array;
  /** Records that could not be parsed since the last batch, by the line they start on. */
  malformed: number[];
  /** Data records read so far, well-formed or not. */
  records: number;
}

/** What the CSV parse thread sends back. */
export type FromParser =
  | { header: MatchedHeader }
  | RowBatch
  | { consumed: true }
  | { done: true; records: number }
  | {
      error: { reason: string; detail: string | null } | { message: string };
      malformed: number[];
      records: number;
    };
