import { Readable } from 'node:stream';
import { rowsInBatches } from './rows-in-batches';

async function collect<Row>(rows: AsyncIterable<Row>): Promise<Row[][]> {
  const batches: Row[][] = [];
  for await (const batch of rowsInBatches(rows)) batches.push(batch);
  return batches;
}

describe('when rows are taken in batches', () => {
  it('hands a stream’s buffered rows over together, in order, every row once', async () => {
    const rows = Array.from({ length: 5_000 }, (_, index) => ({ line: index + 2 }));
    const batches = await collect(Readable.from(rows, { highWaterMark: 2_048 }));
    expect(batches.flat()).toEqual(rows);
    expect(batches.length).toBeLessThan(rows.length / 100);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(1_024);
  });

  it('throws the stream’s error where the iteration is', async () => {
    const failing = new Readable({
      objectMode: true,
      read() {
        this.push({ line: 2 });
        this.destroy(new Error('body_too_large'));
      },
    });
    await expect(collect(failing)).rejects.toThrow('body_too_large');
  });

  it('passes other iterables on a row at a time', async () => {
    async function* generated() {
      yield 1;
      yield 2;
    }
    expect(await collect(generated())).toEqual([[1], [2]]);
  });
});
