/**
 * One metric: what was counted over what, and the figure. For a share, `value` is
 * numerator / denominator (null when nothing is in the denominator); for a count, `denominator`
 * is null and `value` is the count; for days, `numerator` is the sum of the days, `denominator`
 * how many intervals were measured and `value` their median.
 */
export interface Metric {
  numerator: number;
  denominator: number | null;
  value: number | null;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

export const count = (n: number): Metric => ({ numerator: n, denominator: null, value: n });

export const share = (numerator: number, denominator: number): Metric => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : round(numerator / denominator, 4),
});

/** A rate that may exceed one (visits per family). */
export const ratio = (numerator: number, denominator: number): Metric => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : round(numerator / denominator, 2),
});

export function medianDays(days: number[]): Metric {
  if (days.length === 0) return { numerator: 0, denominator: 0, value: null };
  const sorted = [...days].sort((a, b) => a - b);
  const at = (i: number) => sorted[i] ?? 0;
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
  return { numerator: days.reduce((a, b) => a + b, 0), denominator: days.length, value: median };
}

/** Counts per code, keys in code order, for breakdowns (barriers, strengths, resource types). */
export class Tally<Key extends string = string> {
  private readonly counts: Map<Key, number>;
  /** `from`: a tally to start from (copied). */
  constructor(from?: Tally<Key>) {
    this.counts = new Map(from?.counts);
  }
  add(key: Key, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  get(key: Key): number {
    return this.counts.get(key) ?? 0;
  }
  keys(): Key[] {
    return [...this.counts.keys()].sort();
  }
  toObject(): Record<string, number> {
    return Object.fromEntries(this.keys().map((key) => [key, this.get(key)]));
  }
}
