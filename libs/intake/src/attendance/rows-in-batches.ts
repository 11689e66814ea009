import { Readable } from 'node:stream';

const BATCH = 1_024;

/**
 * The rows in batches of what is already buffered. A Readable's own async iterator settles one
 * promise per row; a million rows pay for a million turns of the microtask queue. Reading the
 * buffer synchronously with `read()` hands the importer up to `BATCH` rows per turn instead, in the
 * same order, with the stream's error (if any) thrown where the iteration is. Other iterables are
 * passed on a row at a time.
 */
export async function* rowsInBatches<Row>(rows: AsyncIterable<Row>): AsyncIterable<Row[]> {
  if (!(rows instanceof Readable) || !rows.readableObjectMode) {
    for await (const row of rows) yield [row];
    return;
  }
  const stream = rows;
  for (;;) {
    const batch: Row[] = [];
    for (let row = stream.read() as Row | null; row !== null; row = stream.read() as Row | null) {
      batch.push(row);
      if (batch.length === BATCH) break;
    }
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (stream.errored) throw stream.errored;
    if (stream.readableEnded || stream.destroyed) return;
    await moreOf(stream);
  }
}

/** Resolves when the stream has rows to read, has ended or was closed; rejects on its error. */
function moreOf(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: unknown) => {
      stream.off('readable', settle).off('end', settle).off('close', settle).off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    stream.on('readable', settle).on('end', settle).on('close', settle).on('error', settle);
  });
}
