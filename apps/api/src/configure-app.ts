import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  JsonBodyRequired,
  ProblemDetailsFilter,
  RequestValidationPipe,
  inspectJsonBody,
  isJsonRequest,
} from '@leap/http';

/** Largest JSON body accepted; larger requests get 413. */
export const BODY_LIMIT = '64kb';

/**
 * HTTP conventions shared by the process and the end-to-end tests: validation, problem answers, docs.
 *
 * Bodies are JSON only (`application/json`, `application/*+json`): parsed up to BODY_LIMIT, then
 * inspected before anything else reads them (nesting depth, prototype keys, control characters,
 * NFC). A route that takes a body answers 415 to any other content type; then the validation pipe
 * inspects query strings and path parameters and validates every DTO strictly.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.useBodyParser('json', { limit: BODY_LIMIT, type: isJsonRequest });
  app.use(inspectJsonBody);
  app.useGlobalInterceptors(new JsonBodyRequired());
  app.useGlobalPipes(new RequestValidationPipe());
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
