import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportShape } from '../importer';
import { rowsInBatches } from '../attendance/rows-in-batches';
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

const input = new PassThrough();
let malformed: number[] = [];
const parsed = csvRows(input, shapes, (line) => malformed.push(line));
parsed.rows.on('error', () => undefined);

let unacknowledged = 0;
let acknowledged: () => void = () => undefined;
port.on('message', (message: ToParser) => {
  if ('chunk' in message) input.write(message.chunk, () => send({ consumed: true }));
  else if ('end' in message) input.end();
  else if ('ack' in message) {
    unacknowledged--;
    acknowledged();
  }
});

async function parse(): Promise<void> {
  send({ header: await parsed.header });
  let fields: string[] = [];
  let widths: number[] = [];
  let lines: number[] = [];
  const flush = async () => {
    const lengths = new Uint32Array(fields.length);
    for (let index = 0; index < fields.length; index++) lengths[index] = fields[index]!.length;
    const rowLines = Uint32Array.from(lines);
    const rowWidths = Uint16Array.from(widths);
    send(
      {
        text: fields.join(''),
        lengths,
        lines: rowLines,
        widths: rowWidths,
        malformed,
        records: parsed.read.records,
      },
      [lengths.buffer, rowLines.buffer, rowWidths.buffer],
    );
    fields = [];
    widths = [];
    lines = [];
    malformed = [];
    unacknowledged++;
    while (unacknowledged >= IN_FLIGHT_BATCHES)
      await new Promise<void>((resolve) => (acknowledged = resolve));
  };
  // What the parser has ready, taken at once: one batch per chunk of the file, about.
  for await (const batch of rowsInBatches(parsed.rows)) {
    for (const row of batch) {
      lines.push(row.line);
      widths.push(row.fields.length);
      for (const field of row.fields) fields.push(field);
    }
    if (lines.length >= BATCH_ROWS || parsed.rows.readableLength === 0) await flush();
  }
  await flush();
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
