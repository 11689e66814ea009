/** How the process writes its logs, from `LEAP_LOG_FORMAT` and whether the output is a terminal. */
export interface LogConfig {
  /** `text` (default): one readable line per entry; `json`: one JSON object per line. */
  format: LogFormat;
  /** ANSI colours: only for text on a terminal, never when piped or under `NO_COLOR`. */
  colors: boolean;
}

export type LogFormat = 'text' | 'json';

const FORMATS: readonly LogFormat[] = ['text', 'json'];

export interface LogEnv {
  LEAP_LOG_FORMAT?: string;
  NO_COLOR?: string;
}

export function loadLogConfig(env: LogEnv, output: { isTTY?: boolean }): LogConfig {
  const value = (env.LEAP_LOG_FORMAT ?? '').trim().toLowerCase();
  const format = value === '' ? 'text' : value;
  if (!(FORMATS as readonly string[]).includes(format))
    throw new Error(`LEAP_LOG_FORMAT=${env.LEAP_LOG_FORMAT} is not a log format: use ${FORMATS.join(', ')}`);
  const colors = format === 'text' && output.isTTY === true && (env.NO_COLOR ?? '') === '';
  return { format: format as LogFormat, colors };
}
