import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { CsvRow, ImportShape } from '../importer';
import type { CsvRows } from './csv-rows';
import type { MatchedHeader } from './header-match';
import { ImportStoppedError } from './import-stopped';
import type { FromParser, RowBatch, ToParser } from './parser-messages';

/** Chunks of the file sent to the parse thread and not parsed yet: the input pauses past this. */
const IN_FLIGHT_CHUNKS = 4;

/**
 * `csvRows` with csv-parse on a worker thread (csv-parse.worker.ts runs `csvRows` itself there):
 * the same rows, lines, malformed records, header and errors, while the main thread's importer
 * works on the rows already parsed. The rows come as csv-parse's would, an object-mode `Readable`.
 * The worker ends with the rows stream (read to its end, failed, or destroyed).
 */
export function csvRowsInWorker(
  input: Readable,
  shapes: readonly ImportShape[],
  malformed: (line: number) => void,
): CsvRows {
  const read = { records: 0 };
  const worker = startParser(shapes);
  const post = (message: ToParser) => worker.postMessage(message);
  let batchesWaiting = 0;
  const rows = new Readable({
    objectMode: true,
    read() {
      for (; batchesWaiting > 0; batchesWaiting--) post({ ack: true });
    },
  });
  let headerMatched: (match: MatchedHeader) => void = () => undefined;
  let headerFailed: (error: Error) => void = () => undefined;
  const header = new Promise<MatchedHeader>((resolve, reject) => {
    headerMatched = resolve;
    headerFailed = reject;
  });
  header.catch(() => undefined);
  // Until someone reads the rows, errors are the header's; the row reader sees them too (`errored`).
  rows.on('error', () => undefined);
  const fail = (error: Error) => {
    headerFailed(error);
    rows.destroy(error);
  };

  let inFlight = 0;
  input.on('data', (chunk: Buffer) => {
    post({ chunk });
    if (++inFlight >= IN_FLIGHT_CHUNKS) input.pause();
  });
  input.on('end', () => post({ end: true }));
  // As with `pipeline` on the main thread: an input error (a client gone, a body over its limit) ends the parse with it.
  input.on('error', fail);

  worker.on('message', (message: FromParser) => {
    if ('consumed' in message) {
      if (--inFlight < IN_FLIGHT_CHUNKS && !rows.destroyed) input.resume();
    } else if ('header' in message) headerMatched(message.header);
    else if ('text' in message) {
      read.records = message.records;
      for (const line of message.malformed) malformed(line);
      if (pushRows(rows, message)) post({ ack: true });
      else batchesWaiting++;
    } else if ('done' in message) {
      read.records = message.records;
      headerFailed(new ImportStoppedError('invalid_header', 'the file has no header line'));
      rows.push(null);
    } else {
      read.records = message.records;
      for (const line of message.malformed) malformed(line);
      const problem = message.error;
      fail(
        'reason' in problem
          ? new ImportStoppedError(problem.reason, problem.detail)
          : new Error(problem.message),
      );
    }
  });
  worker.on('error', fail);
  rows.on('close', () => void worker.terminate());
  return { rows: rows as AsyncIterable<CsvRow> & Readable, header, read };
}

/** Pushes the batch's rows; false when the stream's buffer is full (the batch is acknowledged once read). */
function pushRows(rows: Readable, batch: RowBatch): boolean {
  const { text, lengths, lines, widths } = batch;
  let at = 0;
  let field = 0;
  let more = true;
  for (let row = 0; row < lines.length; row++) {
    const width = widths[row]!;
    const fields = new Array<string>(width);
    for (let index = 0; index < width; index++) {
      const length = lengths[field++]!;
      fields[index] = text.slice(at, at + length);
      at += length;
    }
    more = rows.push({ line: lines[row]!, fields });
  }
  return more;
}

/**
 * The parse thread: the compiled worker beside this file when it runs built (dist/), else its
 * TypeScript source through tsx's require hook (`npm run leap`, jest).
 */
function startParser(shapes: readonly ImportShape[]): Worker {
  const built = __filename.endsWith('.js');
  const file = join(__dirname, built ? 'csv-parse.worker.js' : 'csv-parse.worker.ts');
  // Built: the process's own node options (heap sizes) carry over, as by default.
  const execArgv = built ? undefined : ['--require', require.resolve('tsx/cjs')];
  return new Worker(file, { workerData: { shapes }, execArgv });
}
