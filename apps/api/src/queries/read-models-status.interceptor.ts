// Every answer read from the read models says whether they were last found to match the journal:
// in its `readModels` block, in a `warning` at the top of the answer when they were not, and in a
// response header, so that no client can take figures from read models that failed their verify
// without being told.
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { HttpReply } from '../shared/http';
import { map, type Observable } from 'rxjs';
import { ReadModels } from './read-models';

export const READ_MODELS_HEADER = 'Geldstroom-Read-Models';

export type ReadModelsStatus = 'verified' | 'not-verified-yet' | 'do-not-match-journal';

/** Whether the read models were last found to match the journal: what every answer says of them. */
export function readModelsStatus(readModels: ReadModels): ReadModelsStatus {
  const verified = readModels.verification;
  return !verified ? 'not-verified-yet' : verified.ok ? 'verified' : 'do-not-match-journal';
}

@Injectable()
export class ReadModelsStatusInterceptor implements NestInterceptor {
  constructor(private readonly readModels: ReadModels) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((body: unknown) => this.annotate(body, context.switchToHttp().getResponse<HttpReply>())));
  }

  private annotate(body: unknown, response: HttpReply): unknown {
    if (typeof body !== 'object' || body === null || !('readModels' in body)) return body;
    const verified = this.readModels.verification;
    const status = readModelsStatus(this.readModels);
    response.header(READ_MODELS_HEADER, status);
    const readModels = {
      ...(body as { readModels: object }).readModels,
      status,
      ...(verified ? { verifiedAt: verified.verifiedAt, verifiedPosition: verified.position } : {}),
    };
    if (status !== 'do-not-match-journal') return { ...body, readModels };
    const warning = `The read models do not match the journal (verified at ${verified!.verifiedAt}): these figures cannot be relied on until they verify again.`;
    return { warning, ...body, readModels };
  }
}
