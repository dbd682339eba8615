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
      const detail = `${found.path} holds ${describePersonalData(found.kind)}`;
      const command = batchCommandOf(request, found.path);
      if (!command) throw new ProblemException('personal-data', detail, { field: found.path });
      throw new ProblemException('personal-data', `nothing was written: command ${command.index} (${command.kind}) was refused: ${detail}`, {
        field: found.path,
        commandIndex: command.index,
        commandKind: command.kind,
      });
    }
    return true;
  }
}

/** In a batch, the command the data was found in: named as every other refusal of a batch names it. */
function batchCommandOf(request: HttpRequest, path: string): { index: number; kind: string } | undefined {
  const match = /^body\.commands\.(\d+)\./.exec(path);
  if (!match || !(request.url ?? '').startsWith('/v1/batches')) return undefined;
  const index = Number(match[1]);
  const command = (request.body as { commands?: { kind?: unknown }[] }).commands?.[index];
  return { index, kind: typeof command?.kind === 'string' ? command.kind : 'unknown' };
}

function prefixed(part: string, found: PersonalDataFound | undefined): PersonalDataFound | undefined {
  if (found === undefined) return undefined;
  return { ...found, path: found.path === '' ? part : `${part}.${found.path}` };
}
