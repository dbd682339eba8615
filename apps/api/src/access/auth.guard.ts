// Every request but the public ones carries `Authorization: Bearer <token>`. No token or an
// unknown one is a 401; a role that may not do this is a 403. The party scope of a recorder is
// checked where the command's party is known: in the write path (RecordCommandHandler).
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { headerOf, type HttpRequest } from '../shared/http';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { ACCESS_RULE, OWN_VIEW_PARTY, type OwnViewParty } from './access.decorators';
import { ALLOWED, mayNot, type AccessRule } from '@geldstroom/application/access/access-rules';
import { AccessRegistry } from '@geldstroom/application/access/access-registry';
import { inScope, type Principal } from '@geldstroom/application/access/principal';

export type AuthenticatedRequest = HttpRequest & { principal?: Principal };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly registry: AccessRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const rule = this.ruleFor(context, request);
    if (rule === 'public') return true;
    const principal = await this.authenticate(request);
    if (!ALLOWED[rule].includes(principal.role)) {
      throw new ProblemException('forbidden', mayNot(principal.role, rule));
    }
    if (principal.role === 'party-reader') this.checkOwnView(context, request, principal);
    request.principal = principal;
    return true;
  }

  /** A party reader reads the views of its own parties: any other (known or not) is the same 403. */
  private checkOwnView(context: ExecutionContext, request: AuthenticatedRequest, principal: Principal): void {
    const partyOf = this.reflector.getAllAndOverride<OwnViewParty | undefined>(OWN_VIEW_PARTY, [context.getHandler(), context.getClass()]);
    const party = partyOf?.({ params: (request.params ?? {}) as Record<string, string | undefined>, query: (request.query ?? {}) as Record<string, unknown> });
    if (party === undefined || !inScope(principal, party)) {
      throw new ProblemException('forbidden', `a party-reader reads the own views of ${scopeText(principal)} only: name one of them`);
    }
  }

  private ruleFor(context: ExecutionContext, request: HttpRequest): AccessRule {
    const declared = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    return declared ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'record');
  }

  private async authenticate(request: HttpRequest): Promise<Principal> {
    const header = headerOf(request, 'authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw unauthorized('send Authorization: Bearer <token>');
    const principal = await this.registry.authenticate(match[1]);
    if (!principal) throw unauthorized('the token is unknown, revoked or malformed');
    return principal;
  }
}

function unauthorized(detail: string): ProblemException {
  return new ProblemException('unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer realm="geldstroom"' });
}

function scopeText(principal: Principal): string {
  return principal.scope === 'all' ? 'every party' : principal.scope.join(', ');
}
