import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogConfig } from './log-config';
import { formatTextLine, type LogRecord } from './text-line';

export interface LogOutputs {
  /** Entries below `error` (default: file descriptor 1). */
  out?: DestinationStream;
  /** `error` and `fatal` entries, as Nest's console logger does (default: file descriptor 2). */
  err?: DestinationStream;
}

/**
 * The process's one pino logger. Entries are JSON lines (`level` as a label, `time` as an ISO
 * instant); the text format turns each line into a readable one before it is written. Writes are
 * synchronous, so what was logged before `process.exit` is never lost.
 */
export function createLogger(config: LogConfig, outputs: LogOutputs = {}): Logger {
  const out = outputs.out ?? pino.destination({ dest: 1, sync: true });
  const err = outputs.err ?? pino.destination({ dest: 2, sync: true });
  const shape = (stream: DestinationStream) =>
    config.format === 'json' ? stream : asText(stream, config.colors);
  return pino(
    {
      level: 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.multistream(
      [
        { level: 'trace', stream: shape(out) },
        { level: 'error', stream: shape(err) },
      ],
      { dedupe: true },
    ),
  );
}

function asText(stream: DestinationStream, colors: boolean): DestinationStream {
  return { write: (line: string) => stream.write(formatTextLine(JSON.parse(line) as LogRecord, colors)) };
}
