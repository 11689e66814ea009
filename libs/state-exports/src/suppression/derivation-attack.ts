import type { Relation } from './complementary-suppression';

/**
 * The attack a suppression must withstand: a reader knows every published cell and that every
 * published total is the sum of its parts. Unknowns are the suppressed cells; each relation is one
 * linear equation in them (published members move to the right-hand side). A suppressed cell is
 * determined exactly when its unit vector lies in the row space of those equations.
 *
 * Exact arithmetic: rows are reduced to reduced row echelon form with integer (BigInt) entries,
 * fraction-free, so no floating-point tolerance can hide or invent a solution.
 * Returns the suppressed cells the published figures determine (empty: the suppression holds).
 */
export function determinedCells(suppressed: ReadonlySet<string>, relations: readonly Relation[]): string[] {
  const index = new Map([...suppressed].map((cell, position) => [cell, position]));
  const rows: Map<number, bigint>[] = [];
  for (const relation of relations) {
    const row = new Map<number, bigint>();
    const add = (cell: string, coefficient: bigint) => {
      const column = index.get(cell);
      if (column !== undefined) row.set(column, (row.get(column) ?? 0n) + coefficient);
    };
    relation.parts.forEach((part) => add(part, 1n));
    add(relation.total, -1n);
    for (const [column, value] of row) if (value === 0n) row.delete(column);
    if (row.size > 0) rows.push(row);
  }
  const pivots = reduce(rows);
  const cells = [...index.keys()];
  return pivots.filter(({ row }) => row.size === 1).map(({ column }) => cells[column]!);
}

/** Gauss-Jordan elimination in place; returns each pivot column with its reduced row. */
function reduce(rows: Map<number, bigint>[]): { column: number; row: Map<number, bigint> }[] {
  const pivots: { column: number; row: Map<number, bigint> }[] = [];
  let remaining = rows;
  while (remaining.length > 0) {
    const row = remaining.pop()!;
    if (row.size === 0) continue;
    const column = Math.min(...row.keys());
    normalise(row);
    // Eliminate the new pivot column from every other row (earlier pivots and remaining rows).
    for (const other of [...pivots.map((pivot) => pivot.row), ...remaining]) eliminate(other, row, column);
    pivots.push({ column, row });
    remaining = remaining.filter((other) => other.size > 0);
  }
  return pivots;
}

/** other := other·p − row·o (p, o: the pivot column's entries), so `other` loses that column. */
function eliminate(other: Map<number, bigint>, row: Map<number, bigint>, column: number): void {
  const o = other.get(column);
  if (o === undefined) return;
  const p = row.get(column)!;
  for (const key of new Set([...other.keys(), ...row.keys()])) {
    const value = (other.get(key) ?? 0n) * p - (row.get(key) ?? 0n) * o;
    if (value === 0n) other.delete(key);
    else other.set(key, value);
  }
  normalise(other);
}

/** Divides a row by the gcd of its entries, keeping numbers small. */
function normalise(row: Map<number, bigint>): void {
  let divisor = 0n;
  for (const value of row.values()) divisor = gcd(divisor, value < 0n ? -value : value);
  if (divisor > 1n) for (const [key, value] of row) row.set(key, value / divisor);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
