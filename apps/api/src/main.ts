import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { seedDemoOnStart } from '@leap/demo';
import { today } from '@leap/http';
import { httpLogging, startProcessLogging } from '@leap/logging';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { applyRole, describeRole } from './roles';

const logging = startProcessLogging();

/** The HTTP process: LEAP_ROLE=all (default, everything in one process) or LEAP_ROLE=api (see roles.ts). */
async function main(): Promise<void> {
  const plan = applyRole('api');
  // LEAP_DEMO=1 on an empty store: the demo state is written before anything starts serving or timing.
  const demo = await seedDemoOnStart(process.env, today());
  if (demo)
    new Logger('LEAP Case').log(
      `Demo state built (${demo.summary.students} students, ${demo.summary.cases} cases) in ${(demo.elapsedMs / 1000).toFixed(1)} s; truth in ${demo.truthFile}`,
    );
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    logger: logging.nest,
  });
  // Before the routes: every request gets its id and one log line, whatever answers it.
  app.use(httpLogging(logging.logger));
  configureApp(app);
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, process.env.HOST ?? '0.0.0.0');
  const logger = new Logger('LEAP Case');
  logger.log(describeRole(plan));
  logger.log(`API on http://localhost:${port} (docs at /docs)`);
}

main().catch((error: unknown) => {
  new Logger('LEAP Case').error(error instanceof Error ? error : String(error));
  process.exit(1);
});
