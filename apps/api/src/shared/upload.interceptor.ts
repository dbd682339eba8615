// A file sent as multipart/form-data, read by multer from the request's stream before the route
// runs: its parts become the request's `file` or `files` (read by @UploadedFile/@UploadedFiles),
// its text fields the body (read by @Body and validated like any other). Fastify's own parsers
// leave a multipart body unread (see bootstrap.ts).
import { Inject, Injectable, mixin, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import multer, { MulterError, type Field, type Options } from 'multer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Observable } from 'rxjs';
import { ConfigService } from '@nestjs/config';
import type { Configuration } from '../config/configuration';
import { ProblemException } from '@geldstroom/application/problem/problem';
import type { HttpReply, HttpRequest } from './http';

type Upload = 'single' | 'fields';
/** multer's options, or how to make them from the configuration (a limit set by the environment). */
type UploadOptions = Options | ((config: ConfigService<Configuration, true>) => Options);

/** One file in the part `field`, kept as `request.file`. */
export function FileUpload(field: string, options: UploadOptions): Type<NestInterceptor> {
  return uploadInterceptor((parser) => parser.single(field), options);
}

/** Files by part name, kept as `request.files`. */
export function FilesUpload(fields: readonly Field[], options: UploadOptions): Type<NestInterceptor> {
  return uploadInterceptor((parser) => parser.fields([...fields]), options);
}

function uploadInterceptor(pick: (parser: multer.Multer) => ReturnType<multer.Multer[Upload]>, options: UploadOptions): Type<NestInterceptor> {
  @Injectable()
  class UploadInterceptor implements NestInterceptor {
    private readonly read: ReturnType<multer.Multer[Upload]>;

    constructor(@Inject(ConfigService) config: ConfigService<Configuration, true>) {
      this.read = pick(multer(typeof options === 'function' ? options(config) : options));
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const request = context.switchToHttp().getRequest<HttpRequest & { file?: unknown; files?: unknown }>();
      const raw = request.raw as IncomingMessage & { body?: unknown; file?: unknown; files?: unknown };
      await new Promise<void>((resolve, reject) => this.read(raw as never, context.switchToHttp().getResponse<HttpReply>().raw as ServerResponse as never, (error?: unknown) => (error ? reject(problemOf(error)) : resolve())));
      request.body = raw.body;
      request.file = raw.file;
      request.files = raw.files;
      return next.handle();
    }
  }
  return mixin(UploadInterceptor);
}

/** multer's and busboy's refusals, as problems: a file over its limit is a 413, any other a 400. */
function problemOf(error: unknown): unknown {
  if (error instanceof MulterError) {
    const detail = error.field ? `${error.message} - ${error.field}` : error.message;
    return new ProblemException(error.code === 'LIMIT_FILE_SIZE' ? 'payload-too-large' : 'validation', detail);
  }
  // busboy: a body that is no multipart form (no boundary, a malformed or cut-off part).
  if (error instanceof Error && /boundary not found|malformed part header|unexpected end of (form|file)/i.test(error.message)) return new ProblemException('validation', `Multipart: ${error.message}`);
  return error;
}
