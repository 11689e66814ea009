/**
 * One figure a benchmark prints: its value, and (when it has one) the ceiling or peer measured in the
 * same run beside it, so the ratio holds even though absolute figures move ±20% between runs on a
 * shared machine.
 */
export type BenchRow = {
  name: string;
  value: number;
  unit: string;
  note?: string;
  /** The ceiling (raw library, bare server) or peer (another event store) measured in the same run. */
  versus?: { name: string; value: number };
  /** What the ratio should be, printed beside it (`≥ 35%`); benchmarks never fail on it. */
  target?: string;
};

/** `value / versus.value` in percent, one decimal; undefined without a ceiling or peer. */
export function ratioOf(row: BenchRow): number | undefined {
  if (!row.versus || row.versus.value === 0) return undefined;
  return Math.round((1000 * row.value) / row.versus.value) / 10;
}

/** A row of a printed table: each figure beside its ceiling or peer and the ratio. */
export function printable(row: BenchRow): Record<string, string> {
  const ratio = ratioOf(row);
  return {
    figure: row.name,
    value: `${row.value.toLocaleString('en-US')} ${row.unit}`,
    'ceiling / peer': row.versus ? `${row.versus.value.toLocaleString('en-US')} (${row.versus.name})` : '',
    ratio: ratio === undefined ? '' : `${ratio}%`,
    target: row.target ?? '',
    note: row.note ?? '',
  };
}
