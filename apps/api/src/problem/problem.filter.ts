// The one place where anything thrown becomes an RFC 9457 response. A bad request is never
// a 500: parser and framework errors are mapped to their kinds here.
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { HttpReply, HttpRequest } from '../shared/http';
import { redactText, redactUrl } from '../logging/redact';
import { InvalidCutError } from '@geldstroom/projections';
import { RefusedJsonError } from './json-body';
import { PROBLEM_CONTENT_TYPE, ProblemException, storeProblem, type ProblemKind } from '@geldstroom/application/problem/problem';

/** Status codes of framework errors (body-parser, routing) and the kind each one is. */
const KIND_BY_STATUS: Record<number, ProblemKind> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const reply = http.getResponse<HttpReply>();
    const problem = this.toProblem(exception);
    // The URL and a framework's message ("Cannot GET /x?access_token=…") may carry a caller's token.
    const body = problem.body(redactUrl(request.originalUrl ?? request.url));
    if (typeof body.detail === 'string') body.detail = redactText(redactUrl(body.detail));
    if (body.status >= 500) this.logger.error({ reqId: request.id, err: exception instanceof Error ? exception.stack : String(exception) }, 'request failed');
    reply.headers(problem.headers).code(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown): ProblemException {
    if (exception instanceof ProblemException) return exception;
    const fromStore = storeProblem(exception);
    if (fromStore) return fromStore;
    // The query DTOs let only real times through (AS_OF); this is for one that got past them anyway.
    if (exception instanceof InvalidCutError) return new ProblemException('validation', exception.message);
    if (exception instanceof RefusedJsonError) {
      return new ProblemException('validation', exception.detail, exception.field ? { field: exception.field } : {});
    }
    const parserKind = bodyParserKind(exception);
    if (parserKind) return new ProblemException(parserKind);
    if (exception instanceof HttpException) {
      const kind = KIND_BY_STATUS[exception.getStatus()];
      if (kind) return new ProblemException(kind, exception.message);
    }
    return new ProblemException('internal', 'The ledger could not handle this request; nothing was written.');
  }
}

/**
 * body-parser throws errors with a `type` and a status; a body its Content-Encoding
 * does not decode (gzip named on a plain body, a cut-off stream) comes as zlib's own error, given a
 * 400 by body-parser but no type. Any other client error it gives keeps its status as a kind.
 * Invalid JSON never gets here as body-parser's error (Nest's router would make it a bare 400
 * first): jsonBodies in json-body.ts hands it on as a malformed-json problem.
 */
function bodyParserKind(exception: unknown): ProblemKind | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { type, status, code, expose } = exception as { type?: unknown; status?: unknown; code?: unknown; expose?: unknown };
  if (type === 'entity.too.large') return 'payload-too-large';
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return 'unsupported-media-type';
  const clientError = typeof status === 'number' && status >= 400 && status < 500;
  if (clientError && typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__'))) return 'undecodable-body';
  if (clientError && (typeof type === 'string' || expose === true)) return KIND_BY_STATUS[status] ?? 'validation';
  return undefined;
}
