import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'pino';
import { createLogger } from './create-logger';
import { loadLogConfig, type LogEnv } from './log-config';
import { PinoNestLogger } from './nest-logger';

/**
 * Sets up a process entry point's logging before anything else starts: one pino logger on stdout
 * and stderr, chosen by `LEAP_LOG_FORMAT`, which Nest (`new Logger(context)` anywhere) writes
 * through too. A bad `LEAP_LOG_FORMAT` is told on stderr in one line and ends the process (exit 1).
 */
export function startProcessLogging(env: LogEnv = process.env): { logger: Logger; nest: PinoNestLogger } {
  let logger: Logger;
  try {
    logger = createLogger(loadLogConfig(env, process.stdout));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const nest = new PinoNestLogger(logger);
  NestLogger.overrideLogger(nest);
  return { logger, nest };
}
