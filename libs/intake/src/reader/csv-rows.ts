import { parse, type CsvError, type Info, type Options } from 'csv-parse';
import { pipeline, type Readable } from 'node:stream';
import type { CsvRow, ImportShape } from '../importer';
import { matchHeader, type MatchedHeader } from './header-match';
import { ImportStoppedError } from './import-stopped';

/** The largest record accepted: past it a quote was most likely left open, and the file cannot be read on. */
export const MAX_RECORD_BYTES = 64 * 1024;

/**
 * The parser options of every import (the benchmark's raw-parse ceiling uses the same): UTF-8 with
 * or without BOM, CRLF or LF, quoted fields with delimiters and newlines, surrounding spaces trimmed
 * (values and header names), empty lines skipped, and a record that cannot be parsed (wrong number of
 * fields, stray quote) skipped and reported while the parse goes on where csv-parse can.
 */
export const CSV_PARSE_OPTIONS = {
  bom: true,
  trim: true,
  skip_empty_lines: true,
  skip_records_with_error: true,
  max_record_size: MAX_RECORD_BYTES,
} as const;

export interface CsvRows {
  /** The data rows, as csv-parse's object-mode stream; it errors when the import must stop (see `csvRows`). */
  rows: AsyncIterable<CsvRow> & Readable;
  /**
   * The shape the header matched, known as soon as the first line is parsed (the parse runs ahead
   * of the reader by a few records). Rejects with `invalid_header` on a wrong or missing header.
   */
  header: Promise<MatchedHeader>;
  /** Data records read so far, well-formed or not (the header excluded). */
  readonly read: { records: number };
}

/** Errors after which csv-parse cannot find the next record: the import stops instead of losing rows silently. */
const FATAL_CODES = new Set(['CSV_MAX_RECORD_SIZE', 'CSV_QUOTE_NOT_CLOSED']);

/**
 * Streams `input` through csv-parse and yields one `CsvRow` per well-formed data record: csv-parse's
 * own array of fields (as many as the header has: csv-parse skips records of another width) and the
 * line it starts on. The reader adds one small object per row and nothing else. Lines: a record's start line is the line after the previous record's end,
 * past the empty lines skipped between.
 *
 * The returned stream errors with `ImportStoppedError` when the header fits no shape or the CSV
 * cannot be read on, and with the input's own error when the input fails (e.g. `body_too_large`).
 */
export function csvRows(
  input: Readable,
  shapes: readonly ImportShape[],
  /** A record that could not be parsed, by the line it starts on (it is not handed on). */
  malformed: (line: number) => void,
  /** Given: each data row goes here as csv-parse makes it, and the rows stream only ends or fails. */
  sink?: (line: number, fields: string[]) => void,
): CsvRows {
  const read = { records: 0 };
  let headerMatched: (match: MatchedHeader) => void = () => undefined;
  let headerRead = false;
  let lastEnd = 0;
  let lastEmpty = 0;
  // csv-parse counts a CRLF inside a quoted field as two lines: what it over-counted so far.
  let overCounted = 0;
  const startLine = (info: Pick<Info, 'lines' | 'empty_lines'>, fields?: readonly string[]) => {
    const start = lastEnd + 1 + (info.empty_lines - lastEmpty);
    if (fields && info.lines - overCounted > start) overCounted += crlfCount(fields);
    lastEnd = info.lines - overCounted;
    lastEmpty = info.empty_lines;
    return Math.min(start, lastEnd);
  };
  const parser = parse({
    ...CSV_PARSE_OPTIONS,
    on_skip: (error: CsvError | undefined) => {
      const info = error as (CsvError & Info) | undefined;
      const line = info && typeof info.lines === 'number' ? startLine(info) : lastEnd + 1;
      if (!headerRead) throw new ImportStoppedError('invalid_header', `the header line cannot be parsed`);
      if (error && FATAL_CODES.has(error.code)) {
        throw new ImportStoppedError(
          'malformed_csv',
          `line ${line}: a quoted field is never closed or a record exceeds ${MAX_RECORD_BYTES} bytes`,
        );
      }
      read.records++;
      malformed(line);
      return undefined;
    },
  } as Options);
  // Each record is turned into a row where csv-parse pushes it, while `parser.info` still describes
  // that very record: no per-record info snapshot (csv-parse's `info`/`on_record` copy it each time).
  const push = parser.push.bind(parser);
  parser.push = (record: string[] | null): boolean => {
    if (record === null) return push(null);
    if (parser.destroyed) return false;
    const line = startLine(parser.info, record);
    if (!headerRead) {
      const match = matchHeader(record, shapes);
      if ('failed' in match) {
        parser.destroy(new ImportStoppedError('invalid_header', match.failed));
        return false;
      }
      headerRead = true;
      headerMatched(match.matched);
      return true;
    }
    read.records++;
    if (sink) {
      sink(line, record);
      return true;
    }
    return push({ line, fields: record });
  };
  const header = new Promise<MatchedHeader>((resolve, reject) => {
    headerMatched = resolve;
    // Until someone reads the rows, errors are the header's; the row reader sees them too.
    parser.on('error', reject);
    parser.once('finish', () =>
      reject(new ImportStoppedError('invalid_header', 'the file has no header line')),
    );
  });
  header.catch(() => undefined);
  // pipeline (not pipe): an input error (a client gone, a body over its limit) ends the parse with it.
  pipeline(input, parser, () => undefined);
  return { rows: parser as AsyncIterable<CsvRow> & Readable, header, read };
}

function crlfCount(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields)
    for (let at = field.indexOf('\r\n'); at !== -1; at = field.indexOf('\r\n', at + 2)) count++;
  return count;
}
