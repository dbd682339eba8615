// The HTTP request and reply as the handlers see them (Fastify's), a header read as one text, and
// a body streamed as it is written.
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type HttpRequest = FastifyRequest;
export type HttpReply = FastifyReply;

/** A request header's value; the first, if the client sent it more than once. */
export function headerOf(request: { readonly headers: Record<string, string | string[] | undefined> }, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A body written by `write` as it goes (an export of any length), for `reply.send`: what is
 * written is sent as it comes, and a failure part-way ends the response instead of hanging it.
 */
export function streamed(write: (out: Writable) => Promise<void>): Readable {
  const body = new PassThrough();
  write(body).then(
    () => {
      if (!body.writableEnded) body.end();
    },
    (error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return body;
}
