import type { ColumnIndex, ImportShape } from '../importer';

/** The shape a header matched, and where each of its columns sits in a record. */
export interface MatchedHeader {
  shape: ImportShape;
  /** Canonical column names, by position in the file (`null`: never, every column is known). */
  columns: readonly string[];
  /** The position of each column of the file, by canonical name. */
  index: ColumnIndex;
}

export type HeaderMatch = { matched: MatchedHeader } | { failed: string };

const canonical = (name: string): string => name.trim().toLowerCase();

/**
 * Matches a file's header against an importer's shapes: exactly the shape's columns (its required
 * ones, any of its optional ones), in any order, ignoring case and surrounding spaces. The first shape
 * that fits wins. When none does, the answer names the columns that are unknown, repeated or missing
 * for the shape that came closest.
 */
export function matchHeader(header: readonly string[], shapes: readonly ImportShape[]): HeaderMatch {
  const names = header.map(canonical);
  const failures: { score: number; detail: string }[] = [];
  for (const shape of shapes) {
    const known = new Set([...shape.required, ...shape.optional]);
    const unknown = names.filter((name) => !known.has(name));
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    const missing = shape.required.filter((name) => !names.includes(name));
    if (unknown.length === 0 && repeated.length === 0 && missing.length === 0) {
      const index = Object.fromEntries(names.map((name, position) => [name, position]));
      return { matched: { shape, columns: names, index } };
    }
    const problems = [
      unknown.length > 0 ? `unknown column(s) ${list(unknown)}` : null,
      repeated.length > 0 ? `repeated column(s) ${list([...new Set(repeated)])}` : null,
      missing.length > 0 ? `missing required column(s) ${list(missing)}` : null,
    ].filter((problem): problem is string => problem !== null);
    const label = shapes.length > 1 ? `as a ${shape.name} file: ` : '';
    failures.push({
      score: unknown.length + repeated.length + missing.length,
      detail: label + problems.join('; '),
    });
  }
  failures.sort((a, b) => a.score - b.score);
  const expected = shapes
    .map((shape) => `${shapes.length > 1 ? `${shape.name}: ` : ''}${describeShape(shape)}`)
    .join(' | ');
  return { failed: `${failures[0]?.detail ?? 'no shape'} (expected ${expected})` };
}

function describeShape(shape: ImportShape): string {
  const optional = shape.optional.length > 0 ? `, optional ${shape.optional.join(', ')}` : '';
  return `${shape.required.join(', ')}${optional}`;
}

const list = (names: readonly string[]) => names.map((name) => JSON.stringify(name)).join(', ');
