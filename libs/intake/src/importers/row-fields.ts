import type { RejectedRow } from '@leap/domain';
import { fieldOf, type ColumnIndex, type CsvRow, type ImportJob, type ImportProgress } from '../importer';

/**
 * Reads one row's columns in order and remembers the first that is wrong: an empty required column
 * is `missing_value`, text its parser refuses is `invalid_value`. Later reads after a failure
 * answer `undefined` without looking, so an importer reads every column and then checks `rejection`.
 */
export class RowFields {
  rejection: Omit<RejectedRow, 'line'> | null = null;

  constructor(
    private readonly row: CsvRow,
    private readonly columns: ColumnIndex,
  ) {}

  required<T>(column: string, parse: (text: string) => T | undefined): T {
    const text = fieldOf(this.row, this.columns, column);
    if (this.rejection) return undefined as T;
    if (text === '') return this.reject(column, 'missing_value') as T;
    const value = parse(text);
    return (value === undefined ? this.reject(column, 'invalid_value') : value) as T;
  }

  /** An empty optional column reads as null. */
  optional<T>(column: string, parse: (text: string) => T | undefined): T | null {
    const text = fieldOf(this.row, this.columns, column);
    if (this.rejection || text === '') return null;
    const value = parse(text);
    return value === undefined ? (this.reject(column, 'invalid_value') ?? null) : value;
  }

  reject(column: string | null, reason: string): undefined {
    this.rejection ??= { column, reason };
    return undefined;
  }
}

/** Reports the row's rejection, if any; true when the row was rejected. */
export function rejected(fields: RowFields, row: CsvRow, progress: ImportProgress): boolean {
  if (!fields.rejection) return false;
  progress.reject({ line: row.line, ...fields.rejection });
  return true;
}

/** Whether the caller may import rows naming this district (state-wide callers may name any). */
export const inScope = (job: ImportJob, districtId: string): boolean =>
  job.districtId === null || job.districtId === districtId;

export const text = (value: string): string => value;
