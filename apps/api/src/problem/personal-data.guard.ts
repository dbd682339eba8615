// The ledger never stores personal data: any request whose body, path, query or correlation id
// holds a BSN-like number (nine digits passing the elfproef), an e-mail address or an IBAN is
// refused before anything else runs.
// A guard after the AuthGuard (see access.module.ts), not an interceptor: it only looks and
// refuses, and every interceptor level costs each request a wrapped async context and an rxjs pipe.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { headerOf, type HttpRequest } from '../shared/http';
import { describePersonalData, findPersonalData, type PersonalDataFound } from '@geldstroom/ledger';
import { ProblemException } from '@geldstroom/application/problem/problem';

@Injectable()
export class PersonalDataGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const found =
      prefixed('body', findPersonalData(request.body)) ??
      prefixed('path', findPersonalData(request.params)) ??
      prefixed('query', findPersonalData(request.query)) ??
      // The correlation id is written into every event's metadata, so it is checked like the body.
      prefixed('header.x-correlation-id', findPersonalData(headerOf(request, 'x-correlation-id')));
    if (found) {
      throw new ProblemException('personal-data', `${found.path} holds ${describePersonalData(found.kind)}`, {
        field: found.path,
      });
    }
    return true;
  }
}

function prefixed(part: string, found: PersonalDataFound | undefined): PersonalDataFound | undefined {
  if (found === undefined) return undefined;
  return { ...found, path: found.path === '' ? part : `${part}.${found.path}` };
}
