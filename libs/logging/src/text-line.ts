/** A pino record as the logger writes it (`level` as a label, `time` as an ISO instant). */
export interface LogRecord {
  level?: string;
  time?: string;
  msg?: string;
  context?: string;
  reqId?: string;
  err?: { stack?: string; message?: string };
  stack?: string;
  [field: string]: unknown;
}

const RESET = '\x1b[0m';
const LEVEL_COLORS: Record<string, string> = {
  fatal: '\x1b[35m',
  error: '\x1b[31m',
  warn: '\x1b[33m',
  info: '\x1b[32m',
  debug: '\x1b[36m',
  trace: '\x1b[90m',
};
const CONTEXT_COLOR = '\x1b[33m';

/**
 * `2026-10-08T14:02:11.120Z  INFO [Projections] following case_summaries` — the text format of one
 * record; a request line ends with its request id, an error with its stack on the lines below.
 */
export function formatTextLine(record: LogRecord, colors: boolean): string {
  const paint = (color: string | undefined, text: string) =>
    colors && color ? `${color}${text}${RESET}` : text;
  const level = (record.level ?? 'info').toLowerCase();
  const parts = [record.time ?? '', paint(LEVEL_COLORS[level], level.toUpperCase().padStart(5))];
  if (record.context) parts.push(paint(CONTEXT_COLOR, `[${record.context}]`));
  parts.push(record.msg ?? '');
  if (record.reqId) parts.push(`reqId=${record.reqId}`);
  const stack = record.err?.stack ?? record.stack;
  return `${parts.join(' ')}${stack ? `\n${stack}` : ''}\n`;
}
