import type { AccessLogEntry } from './access-log.projection';

export const ACCESS_LOG_CSV_HEADER = [
  'at',
  'actorId',
  'actorRole',
  'districtId',
  'route',
  'caseIds',
  'students',
  'outcome',
];

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab,
 * carriage return first) gets a leading `'`, so opening the export never runs anything.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(values: string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * An entry as a CSV row; case ids are separated by spaces, and so are the pseudonyms of students
 * without a case whose data the answer carried (identification candidates).
 */
export function accessLogCsvRow(entry: AccessLogEntry): string {
  return csvRow([
    entry.at,
    entry.actorId,
    entry.actorRole,
    entry.districtId,
    entry.route,
    entry.caseIds.join(' '),
    (entry.students ?? []).join(' '),
    entry.outcome,
  ]);
}
