// Builds the HTTP application exactly as `npm start` runs it; the end-to-end tests use this
// too, so what they test is what runs.
import { NestFactory } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import typeis from 'type-is';
import { AppModule } from './app.module';
import { validateConfiguration, type Configuration } from './config/configuration';
import { ApiLogger, createHttpLogger, requestIdOf, requestLogging } from './logging/logging';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { ProblemFilter } from './problem/problem.filter';
import { answerClientErrors, answerFrameworkErrors } from './problem/framework-errors';
import { jsonBodies } from './problem/json-body';
import { ledgerValidationPipe } from '@geldstroom/application/problem/validation';
import { HttpDrain } from './shutdown/http-drain';
import { serveWebPage } from './web/web-page';
import { completeDocument } from './openapi/complete-document';
import { ReadModels } from './queries/read-models';
import { tellReadModelsStatus } from './queries/read-models-status';
import { IntegrityMonitor } from './health/integrity-monitor';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Ids in paths are checked by the routes themselves (a 400 naming the rule), not cut off by the router (a 404). */
const PATH_PARAMETER_LENGTH_MAX = 2048;

type Next = (error?: unknown) => void;

export async function createApp(environment: Record<string, unknown> = process.env): Promise<NestFastifyApplication> {
  const config = validateConfiguration(environment);
  const httpLogger = createHttpLogger(config);
  const securityHeaders = helmetHeaders();
  // Fastify under Nest: its router and replies cost half of Express's per request (see README, Speed).
  const adapter = new FastifyAdapter({
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: PATH_PARAMETER_LENGTH_MAX },
    // What the router and Node's parser refuse before any hook runs is a problem like any other.
    frameworkErrors: answerFrameworkErrors(securityHeaders, PATH_PARAMETER_LENGTH_MAX),
    clientErrorHandler: answerClientErrors(securityHeaders),
    // While shutting down, a request on a connection already open is still answered (with
    // Connection: close, see HttpDrain), not refused with a bare 503.
    return503OnClosing: false,
    genReqId: requestIdOf,
  });
  bodiesParsedBefore(adapter);
  // Every answer names its request, as the log line does, and carries helmet's security headers
  // (set on the raw response: a file the web page's static server sends is answered without
  // Fastify's reply).
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('X-Request-Id', request.id);
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    done();
  });
  // Buffered until pino takes over below, so even the first lines are JSON at LOG_LEVEL.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, httpLogger), adapter, {
    bodyParser: false,
    bufferLogs: true,
  });
  const integrity = app.get(IntegrityMonitor);
  tellReadModelsStatus(adapter.getInstance(), app.get(ReadModels), () => integrity.lastOwnReport);
  app.useLogger(app.get(ApiLogger));
  // An HTTP app flushes the buffer only in listen(); the tests never listen.
  app.flushLogs();
  app.use(requestLogging(httpLogger));
  app.get(HttpDrain).watch(app.getHttpServer());
  if (config.GELDSTROOM_CORS_ORIGINS) {
    app.enableCors({ origin: config.GELDSTROOM_CORS_ORIGINS.split(',').map((o) => o.trim()), maxAge: 600 });
  }
  app.use(requireJson);
  // A batch carries many commands: its own, larger limit, parsed before the one of every other body.
  app.use('/v1/batches', jsonBodies(config.GELDSTROOM_BATCH_BODY_LIMIT_BYTES));
  app.use(jsonBodies(config.GELDSTROOM_BODY_LIMIT_BYTES));
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(ledgerValidationPipe());
  // SIGTERM/SIGINT: stop accepting, let requests in flight finish, then close the read models
  // and the store (see HttpDrain). Exit 0 after a clean drain, 1 if closing failed.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  setUpOpenApi(app);
  serveWebPage(app);
  await app.init();
  // The routes are complete only once Fastify is ready: the tests send requests without listen().
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/**
 * Helmet's headers depend on its configuration alone, not on the request: worked out once from
 * helmet's own middleware, then set on every answer (running the middleware per request cost
 * ~35 µs of the API's thread).
 */
function helmetHeaders(): ReadonlyArray<readonly [string, string]> {
  const headers: Array<[string, string]> = [];
  const recorder = { setHeader: (name: string, value: unknown) => headers.push([name, String(value)]), removeHeader: () => undefined };
  helmet()({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * A JSON body is read by body-parser, mounted as middleware above (its limits, decodings and the
 * checks of json-body.ts, with the errors the problem filter knows); a multipart body by the route
 * that takes a file (see upload.interceptor.ts). Fastify's own parsers would read the stream a
 * second time: every type is handed on as body-parser left it.
 */
function bodiesParsedBefore(adapter: FastifyAdapter): void {
  const fastify = adapter.getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request, _payload, done) => done(null, (request.raw as IncomingMessage & { body?: unknown }).body));
}

/** Writes that carry a file: multipart/form-data, parsed by the route itself (see documents/). */
const MULTIPART_PATHS = new Set(['/v1/documents', '/v1/imports/bookings']);

/**
 * A write must say it sends JSON (or, uploading a document, multipart/form-data); anything else
 * would reach the handlers as an empty body. JSON between systems is UTF-8 (RFC 8259): another
 * charset is refused rather than guessed at.
 */
function requireJson(request: IncomingMessage, _response: ServerResponse, next: Next): void {
  const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (!WRITE_METHODS.has(request.method ?? '') || !hasBody) {
    next();
    return;
  }
  const path = (request.url ?? '').split('?')[0].replace(/\/+$/, '');
  if (MULTIPART_PATHS.has(path)) {
    next(typeis(request, ['multipart/form-data']) ? undefined : new ProblemException('unsupported-media-type', 'send the file as multipart/form-data, in a part named "file"'));
    return;
  }
  // A POST that carries nothing (verify) needs no type; one that carries something must be JSON.
  if (!typeis(request, ['application/json'])) {
    next(new ProblemException('unsupported-media-type', `send the body as Content-Type: application/json, in UTF-8, uncompressed or gzip, deflate or br`));
    return;
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1].toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    next(new ProblemException('unsupported-media-type', `send the body in UTF-8, not ${charset}`));
    return;
  }
  next();
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Geldstroom')
      .setDescription(
        'Event-sourced audit ledger for re-integration and participation money. Money is a string ' +
          'with two decimals ("100000.00"); dates are YYYY-MM-DD; errors are RFC 9457 problem+json. ' +
          'Authenticate with an API key as a bearer token: `Authorization: Bearer gs_<id>_<secret>` (not a JWT). ' +
          'This document as JSON, to generate a client from: /docs/openapi.json.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, completeDocument(document), { jsonDocumentUrl: 'docs/openapi.json' });
}

export type { Configuration };
