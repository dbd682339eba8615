// The ledger never stores personal data: any request whose body, path, query or correlation id
// holds a BSN-like number (nine digits passing the elfproef) is refused before anything else runs.
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { headerOf, type HttpRequest } from '../shared/http';
import type { Observable } from 'rxjs';
import { findPersonalData } from '@geldstroom/ledger';
import { ProblemException } from '@geldstroom/application/problem/problem';

@Injectable()
export class PersonalDataInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const where =
      prefixed('body', findPersonalData(request.body)) ??
      prefixed('path', findPersonalData(request.params)) ??
      prefixed('query', findPersonalData(request.query)) ??
      // The correlation id is written into every event's metadata, so it is checked like the body.
      prefixed('header.x-correlation-id', findPersonalData(headerOf(request, 'x-correlation-id')));
    if (where) {
      throw new ProblemException('personal-data', `${where} holds a number that passes the BSN elfproef`, {
        field: where,
      });
    }
    return next.handle();
  }
}

function prefixed(part: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return path === '' ? part : `${part}.${path}`;
}
