// Structured JSON logs (pino): one line per request and everything the API logs, on stdout.
// Never a request or response body, never the bearer token.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type DynamicModule } from '@nestjs/common';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { DestinationStream, LevelWithSilent } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { Configuration } from '../config/configuration';
import { SCENARIO_LOADER_AGENT } from '@geldstroom/application/scenario/scenario-loader';
import { redactUrl } from './redact';

/** A caller's X-Request-Id is kept when it looks like an id; anything else gets a new one. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
/** Nest's start-up lines (one per module, controller and route) are noise at info. */
const FRAMEWORK_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

export type { HttpLogger };

/**
 * The request logger. It is mounted before every other middleware, so a request refused by
 * the body parser or the content-type check is logged too; its pino instance is the one the
 * whole application logs through (see `loggingModule`).
 */
export function createHttpLogger(config: Pick<Configuration, 'LOG_LEVEL'>, destination?: DestinationStream): HttpLogger {
  return pinoHttp<IncomingMessage, ServerResponse, never>({
    level: config.LOG_LEVEL,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      // The line says who asked what; the headers (cookies, keys, client hints) stay out.
      req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown>; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        // A token sent in the query string is the caller's mistake; the log must not keep it.
        url: redactUrl(req.url),
        remoteAddress: req.remoteAddress,
        userAgent: req.headers['user-agent'],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    genReqId: requestId,
    customLogLevel: requestLogLevel,
    customErrorObject: (_req, res, error, fields: Record<string, unknown>) => errorFields(res, error, fields),
  }, destination);
}

/** The level of a request's line. */
function requestLogLevel(req: IncomingMessage, res: ServerResponse, error?: Error): LevelWithSilent {
  // Load balancers ask every few seconds: a healthy answer is not news, and an unhealthy
  // one has its cause logged where it was found (a failed verify, a stopped projector).
  if (req.url === '/health') return res.statusCode === 200 ? 'debug' : 'warn';
  if (error || res.statusCode >= 500) return 'error';
  // A scenario load (first start, `import`) prints its own summary of what was written.
  if (req.headers['user-agent'] === SCENARIO_LOADER_AGENT && res.statusCode < 400) return 'debug';
  if (res.statusCode === 401 || res.statusCode === 403) return 'warn';
  return 'info';
}

/**
 * For a 5xx without an error pino-http makes one whose stack only points at itself; the real one
 * is logged by the ProblemFilter.
 */
function errorFields(res: ServerResponse, error: Error, fields: Record<string, unknown>): Record<string, unknown> {
  return error.message === `failed with status code ${res.statusCode}` ? { ...fields, err: undefined } : fields;
}

/**
 * The request logger as mounted. pino-http makes two child loggers for every request, each
 * serializing the request into its bindings, whether or not its line is written: ~25 µs of the
 * API's thread per command here. At a LOG_LEVEL that writes request lines (info, the default, or
 * lower) it runs as it is. Above that only a refused (401, 403), failed (5xx) or unhealthy (/health)
 * request has a line: it is made when the response ends, only if its level is written, through
 * pino-http's own logger and serializers, in pino-http's shape. Every request gets its id and
 * X-Request-Id either way.
 */
export function requestLogging(httpLogger: HttpLogger): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const logger = httpLogger.logger;
  return (req, res, next) => {
    if (logger.isLevelEnabled('info')) {
      httpLogger(req, res, next);
      return;
    }
    const request = req as IncomingMessage & { id?: unknown };
    request.id = requestId(request, res);
    const startedMs = Date.now();
    const ended = (error?: Error): void => {
      res.off('finish', ended);
      res.off('close', ended);
      res.off('error', ended);
      const level = requestLogLevel(req, res, error);
      if (level === 'silent' || !logger.isLevelEnabled(level)) return;
      const responseTime = Date.now() - startedMs;
      const line = logger.child({ req });
      if (error || res.statusCode >= 500) {
        const failure = error ?? new Error(`failed with status code ${res.statusCode}`);
        line[level](errorFields(res, failure, { res, err: failure, responseTime }), 'request errored');
        return;
      }
      line[level]({ res, responseTime }, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
    };
    res.on('finish', ended);
    res.on('close', ended);
    res.on('error', ended);
    next();
  };
}

/** The request's id: the caller's X-Request-Id when it looks like one, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

/** The id the request already has (the HTTP server's, see bootstrap.ts) or a new one; answered as X-Request-Id. */
function requestId(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  const id = typeof req.id === 'string' ? req.id : requestIdOf(req);
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Gives Nest's logger (and every `new Logger(context)`) the request logger's pino instance. On no
 * route: nestjs-pino's own middleware runs every request in an AsyncLocalStorage so that a line
 * logged during it carries the request, which turns on Node's promise hooks for every promise of
 * the process: a fifth of the command path's rate. The request line (pino-http) names the
 * request; a line logged for one names it itself (the problem filter's `reqId`).
 */
export function loggingModule(httpLogger: HttpLogger): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: { logger: httpLogger.logger },
    // The pino-http middleware is mounted by createApp (the request line); nothing per request here.
    useExisting: true,
    forRoutes: [],
  });
}

/** Nest's logger on pino, with the framework's start-up chatter moved down to debug. */
@Injectable()
export class ApiLogger extends Logger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && FRAMEWORK_CHATTER.has(context)) {
      super.debug(message, ...optionalParams);
      return;
    }
    super.log(message, ...optionalParams);
  }
}
