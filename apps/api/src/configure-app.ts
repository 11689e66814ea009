import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  JsonBodyRequired,
  ProblemDetailsFilter,
  hardenHttp,
  httpHardeningConfigFromEnv,
  RequestValidationPipe,
  inspectJsonBody,
  isJsonRequest,
  withProblemSchemas,
} from '@leap/http';

/** Largest JSON body accepted; larger requests get 413. */
export const BODY_LIMIT = '64kb';

/** The introduction of the OpenAPI document (`/docs`, `/docs-json`). */
const API_DESCRIPTION = [
  'Case management for school attendance home-visit programs (LEAP).',
  "Every `/v1` route needs `Authorization: Bearer <JWT>`; a record outside the token's scope answers 404 as if it did not exist.",
  'Commands answer `{ revision, position }` (and the id they created). Send the revision as `If-Match` to decide on what you read (412 `revision_conflict` otherwise), ' +
    'and the position as `minPosition` to a list to read your own write. An `Idempotency-Key` makes a retry safe.',
  'Errors are `application/problem+json` with a stable `code`; each answer below lists the codes it can carry. ' +
    'Any request with a JSON body (a GET included) may answer 400 `malformed_json`/`too_deep`/`validation_failed`, 413 or 415 before its route runs.',
  "Every answer echoes `X-Request-Id` (the caller's, when it is a plain token, else a new one).",
  'Each login has a budget of requests per time window, and each client address a budget of failed authentications; past it the answer is 429 `rate_limited` with `Retry-After`.',
].join('\n\n');

/**
 * HTTP conventions shared by the process and the end-to-end tests: security headers, CORS and the
 * client address behind proxies (hardenHttp, first, so every answer carries them), validation,
 * problem answers, docs.
 *
 * Bodies are JSON only (`application/json`, `application/*+json`): parsed up to BODY_LIMIT, then
 * inspected before anything else reads them (nesting depth, prototype keys, control characters,
 * NFC). A route that takes a body answers 415 to any other content type; then the validation pipe
 * inspects query strings and path parameters and validates every DTO strictly.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  hardenHttp(app, httpHardeningConfigFromEnv(process.env));
  app.useBodyParser('json', { limit: BODY_LIMIT, type: isJsonRequest });
  app.use(inspectJsonBody);
  app.useGlobalInterceptors(new JsonBodyRequired());
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    withProblemSchemas(
      new DocumentBuilder()
        .setTitle('LEAP Case')
        .setDescription(API_DESCRIPTION)
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
