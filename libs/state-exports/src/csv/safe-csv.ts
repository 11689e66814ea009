import { stringify } from 'csv-stringify/sync';

/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage return,
 * hide the start of one), after OWASP's CSV-injection guidance.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet will only ever display it: a cell starting with `=`, `+`, `-`, `@`,
 * tab or carriage return gets a leading `'` (OWASP: prefix a single quote), so opening an export
 * never runs anything. Registry names are free text typed by admins, so every text cell passes here;
 * counts are never negative, and numbers are written as numbers, so no count is altered.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvValue = string | number | null;

/**
 * A CSV document (RFC 4180, CRLF line ends, a header row) written by csv-stringify, which quotes
 * cells holding commas, quotes or line breaks; every text cell is neutralised first. `null` is an
 * empty cell.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const cells = rows.map((row) =>
    row.map((value) =>
      typeof value === 'string' ? neutraliseFormula(value) : value === null ? '' : String(value),
    ),
  );
  return stringify([header.map(neutraliseFormula), ...cells], { record_delimiter: 'windows' });
}
