import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { startProcessLogging } from '@leap/logging';
import { AppModule } from '../../api/src/app.module';
import { applyRole, describeRole } from '../../api/src/roles';
import { listenForHealth } from './health-listener';

/** Without PORT (the image sets 3000), 3001: beside an API on 3000 on one machine. */
const DEFAULT_HEALTH_PORT = 3001;

const logging = startProcessLogging();

/**
 * The worker process (LEAP_ROLE=worker, see apps/api/src/roles.ts): the projection runner (its own
 * read-model replica) and the follow-up scheduler, BullMQ timer worker and reconciler, without the
 * HTTP API. It loads the API's application module as an application context — no routes — so it
 * registers exactly the projections and reactors the API does. Only the health probes listen.
 *
 * SIGTERM/SIGINT: the probes stop answering, then the application closes in Nest's order
 * (scheduler, then the timer worker letting jobs in progress finish, then the queue, the
 * projections after their batch in progress, the event store last).
 */
async function main(): Promise<void> {
  const logger = new Logger('LEAP Worker');
  const plan = applyRole('worker');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: logging.nest });
  const port = Number(process.env.PORT ?? DEFAULT_HEALTH_PORT);
  const host = process.env.HOST ?? '0.0.0.0';
  const health = await listenForHealth(app, port, host);
  logger.log(describeRole(plan));
  if (!plan.projections && !plan.followUpWorkers)
    logger.warn('Nothing to run: projections and workers are off');
  logger.log(`Health on http://localhost:${port}/health`);

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    health.close();
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  new Logger('LEAP Worker').error(error instanceof Error ? error : String(error));
  process.exit(1);
});
