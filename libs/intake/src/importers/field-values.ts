import { GRADES, ID_PATTERN, type Grade } from '@leap/domain';

/**
 * How the columns of import files are read. Each parser answers the value, or `undefined` when the
 * text is not one (the importer rejects the row with `invalid_value` for that column).
 */

const TRUE = new Set(['y', 'yes', 'true', '1']);
const FALSE = new Set(['n', 'no', 'false', '0']);

/** `Y`/`N`, `yes`/`no`, `true`/`false`, `1`/`0`, any case. */
export function parseFlag(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  return undefined;
}

/** `PK`, `K`, `1` … `12` (any case; `01` reads as `1`). */
export function parseGrade(text: string): Grade | undefined {
  const upper = text.toUpperCase();
  const normal = /^\d+$/.test(upper) ? String(Number(upper)) : upper;
  return (GRADES as readonly string[]).includes(normal) ? (normal as Grade) : undefined;
}

/** A range `K-5`, `6-8`, `PK-K`, or a list `K;1;2` (`;` or `,` or spaces between), lowest first. */
export function parseGrades(text: string): Grade[] | undefined {
  const range = /^([^-;,\s]+)\s*-\s*([^-;,\s]+)$/.exec(text);
  if (range) {
    const from = parseGrade(range[1]!);
    const to = parseGrade(range[2]!);
    if (from === undefined || to === undefined) return undefined;
    const [start, end] = [GRADES.indexOf(from), GRADES.indexOf(to)];
    return start <= end ? GRADES.slice(start, end + 1) : undefined;
  }
  const parts = text.split(/[;,\s]+/).filter((part) => part !== '');
  const grades = parts.map(parseGrade);
  if (grades.length === 0 || grades.some((grade) => grade === undefined)) return undefined;
  const unique = new Set(grades as Grade[]);
  return GRADES.filter((grade) => unique.has(grade));
}

/** A whole number ≥ 0 (`12000`; no separators). */
export function parseCount(text: string): number | undefined {
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

/** A percent 0–100 with an optional decimal part and `%` sign (`91.4`, `91.4%`). */
export function parsePercent(text: string): number | undefined {
  const match = /^(\d{1,3}(?:\.\d+)?)\s*%?$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  return value <= 100 ? value : undefined;
}

/** An identifier (district, school, region) as the API accepts them (`ID_PATTERN`). */
export function parseId(text: string): string | undefined {
  return ID_PATTERN.test(text) ? text : undefined;
}
