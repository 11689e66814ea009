import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ProblemDetailsFilter, createValidationPipe } from '@leap/http';

/** Largest JSON body accepted; larger requests get 413. */
export const BODY_LIMIT = '64kb';

/** HTTP conventions shared by the process and the end-to-end tests: validation, problem answers, docs. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('LEAP Case')
      .setDescription(
        'Case management for school attendance home-visit programs (LEAP). Commands answer { revision, position }; ' +
          'errors are application/problem+json with a stable code.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
