import { seededUniform } from '@leap/domain';

/**
 * The demo's only source of randomness: mulberry32, a small seeded generator. Every draw derives
 * from the seed, never from Math.random or the clock, so the same seed builds the same state.
 * `fork(label)` gives an independent stream per purpose (a student's attendance, a case's plan):
 * drawing more in one place never shifts the draws of another.
 */
export class Random {
  private readonly uniform: () => number;

  constructor(seed: number) {
    this.uniform = seededUniform(seed);
  }

  /** A generator of its own for `label`, derived from this one's seed and the label (FNV-1a). */
  static of(seed: number, ...labels: (string | number)[]): Random {
    let hash = (0x811c9dc5 ^ seed) >>> 0;
    for (const char of labels.join('\u0000')) {
      hash ^= char.charCodeAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return new Random(hash);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uniform();
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(values: readonly T[]): T {
    if (values.length === 0) throw new Error('Cannot pick from an empty list');
    return values[Math.floor(this.next() * values.length)]!;
  }

  /** A value drawn with the given weights. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.next() * total;
    for (const [value, weight] of choices) {
      draw -= weight;
      if (draw < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** `count` distinct values of `values`, in a random order. */
  sample<T>(values: readonly T[], count: number): T[] {
    const pool = [...values];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0)
      chosen.push(pool.splice(this.int(0, pool.length - 1), 1)[0]!);
    return chosen;
  }
}
