// What Fastify and Node's HTTP parser refuse before any route, hook or filter runs: a path
// parameter past the router's limit, a path that is no valid percent-encoding, a request line or
// header Node cannot parse (raw UTF-8 in the URL, a header too large). Answered like every other
// refusal: a problem+json with the security headers and X-Request-Id, instead of Fastify's own JSON.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemException } from '@geldstroom/application/problem/problem';

type Headers = ReadonlyArray<readonly [string, string]>;

/** The problem each error of Fastify's router is; none of them is the server's fault but the last. */
function routerProblem(error: FastifyError, pathParameterLengthMax: number): ProblemException {
  switch (error.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ProblemException('validation', `a path parameter is longer than ${pathParameterLengthMax} characters`);
    case 'FST_ERR_BAD_URL':
      return new ProblemException('validation', 'the path is not valid percent-encoding (RFC 3986)');
    default:
      return new ProblemException('internal', 'The ledger could not handle this request; nothing was written.');
  }
}

/** Fastify's `frameworkErrors`: called instead of its router's own answers, before the onRequest hook. */
export function answerFrameworkErrors(securityHeaders: Headers, pathParameterLengthMax: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const problem = routerProblem(error, pathParameterLengthMax);
    reply.header('X-Request-Id', request.id);
    for (const [name, value] of securityHeaders) reply.header(name, value);
    // No instance: the URL is what was refused (and may be as long as the request line allows).
    void reply.code(problem.getStatus()).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.body()));
  };
}

/** Why Node's parser refused a request: a 431 or a 408 where HTTP has a status for it, else a 400. */
function parserProblem(error: NodeJS.ErrnoException): ProblemException {
  if (error.code === 'HPE_HEADER_OVERFLOW') return new ProblemException('headers-too-large', 'the request line and headers are larger than the server reads');
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new ProblemException('request-timeout', 'the request was not received in time');
  if (error.code === 'HPE_INVALID_URL') return new ProblemException('validation', 'the URL holds characters that must be percent-encoded (café as caf%C3%A9, a space as %20)');
  return new ProblemException('validation', 'the request is not valid HTTP/1.1');
}

/**
 * Fastify's `clientErrorHandler`: Node's parser gave up on the bytes, so there is no request (nor a
 * caller's X-Request-Id) and the answer is written to the socket itself, which is then closed.
 */
export function answerClientErrors(securityHeaders: Headers) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    // A reset connection has no one to answer (Node's own handler does the same).
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) {
      const problem = parserProblem(error);
      const status = problem.getStatus();
      const body = JSON.stringify(problem.body());
      const headers = [
        ['Content-Type', PROBLEM_CONTENT_TYPE],
        ['Content-Length', String(Buffer.byteLength(body))],
        ['Connection', 'close'],
        ['X-Request-Id', randomUUID()],
        ...securityHeaders,
      ];
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`);
    }
    socket.destroy(error);
  };
}
