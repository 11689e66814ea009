import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportShape } from '../importer';
import { csvRows } from './csv-rows';
import { ImportStoppedError } from './import-stopped';
import type { FromParser, ToParser } from './parser-messages';

/**
 * The CSV parse of an import on a thread of its own (see `csvRowsInWorker`): the file's bytes come
 * in as messages, `csvRows` reads them exactly as it does on the main thread (same options, same
 * lines, same malformed records), and the rows go back in batches of flat, transferable arrays.
 * At most `IN_FLIGHT_BATCHES` batches wait on the main thread: memory stays bounded when the
 * importer is the slower side.
 */
const port = parentPort!;
const send = (message: FromParser, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const { shapes } = workerData as { shapes: ImportShape[] };

const IN_FLIGHT_BATCHES = 2;
const BATCH_ROWS = 4_096;

let fields: string[] = [];
let widths: number[] = [];
let lines: number[] = [];
let malformed: number[] = [];
const input = new PassThrough();
// Rows go straight into the batch being filled: no row object, no stream turn per row here.
const parsed = csvRows(
  input,
  shapes,
  (line) => malformed.push(line),
  (line, row) => {
    lines.push(line);
    widths.push(row.length);
    for (const field of row) fields.push(field);
    if (lines.length === BATCH_ROWS) flush();
  },
);
parsed.rows.on('error', () => undefined);

/** Batches sent and not yet taken by the main thread; past `IN_FLIGHT_BATCHES`, no more input is asked for. */
let unacknowledged = 0;
let creditsHeld = 0;
const credit = () => {
  if (unacknowledged >= IN_FLIGHT_BATCHES) creditsHeld++;
  else send({ consumed: true });
};
port.on('message', (message: ToParser) => {
  if ('chunk' in message) {
    input.write(message.chunk, credit);
    // Once the parser has taken the chunk, its rows go back even if the batch is not full.
    setImmediate(flushSome);
  } else if ('end' in message) input.end();
  else if ('ack' in message) {
    unacknowledged--;
    for (; creditsHeld > 0 && unacknowledged < IN_FLIGHT_BATCHES; creditsHeld--) send({ consumed: true });
  }
});

function flushSome(): void {
  if (lines.length > 0 || malformed.length > 0) flush();
}

function flush(): void {
  const lengths = new Uint32Array(fields.length);
  for (let index = 0; index < fields.length; index++) lengths[index] = fields[index]!.length;
  const rowLines = Uint32Array.from(lines);
  const rowWidths = Uint16Array.from(widths);
  const text = fields.join('');
  send({ text, lengths, lines: rowLines, widths: rowWidths, malformed, records: parsed.read.records }, [
    lengths.buffer,
    rowLines.buffer,
    rowWidths.buffer,
  ]);
  fields = [];
  widths = [];
  lines = [];
  malformed = [];
  unacknowledged++;
}

async function parse(): Promise<void> {
  send({ header: await parsed.header });
  // The rows stream carries no rows here (they went to the batches): it ends, or fails.
  for await (const _ of parsed.rows);
  flush();
  send({ done: true, records: parsed.read.records });
}

parse().catch((error: unknown) =>
  send({
    error:
      error instanceof ImportStoppedError
        ? { reason: error.reason, detail: error.detail }
        : { message: error instanceof Error ? error.message : String(error) },
    malformed,
    records: parsed.read.records,
  }),
);
