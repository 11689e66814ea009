import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { inspect } from 'node:util';

/** A stack trace: lines that start with `at`. */
const STACK = /\n\s+at /;

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger (bootstrap messages, every `new Logger(context)` in the libraries) written through
 * pino. Nest passes the context as the last string argument, and an error's stack before it.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const strings = params.filter((param): param is string => typeof param === 'string');
    const stack = strings.find((param) => STACK.test(param));
    const context = strings.filter((param) => param !== stack).pop();
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields.context = context;
    if (message instanceof Error) fields.err = message;
    else if (stack !== undefined) fields.stack = stack;
    const text =
      message instanceof Error ? message.message : typeof message === 'string' ? message : inspect(message);
    this.logger[level](fields, text);
  }
}
