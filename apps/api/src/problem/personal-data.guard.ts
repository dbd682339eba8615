// The ledger never stores personal data: any request whose body, path, query or correlation id
// holds a BSN-like number (nine digits passing the elfproef) is refused before anything else runs.
// A guard after the AuthGuard (see access.module.ts), not an interceptor: it only looks and
// refuses, and every interceptor level costs each request a wrapped async context and an rxjs pipe.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { headerOf, type HttpRequest } from '../shared/http';
import { findPersonalData } from '@geldstroom/ledger';
import { ProblemException } from '@geldstroom/application/problem/problem';

@Injectable()
export class PersonalDataGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
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
    return true;
  }
}

function prefixed(part: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return path === '' ? part : `${part}.${path}`;
}
