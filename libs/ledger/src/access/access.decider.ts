// Who may use the ledger, decided like every other fact: a principal is made once, for parties
// that exist; only an active principal gets a new token or is revoked; and the last active admin
// stays, or no one could manage principals again.
import { accept, refuseWith, type Decider, type Decision, type References } from '../shared/decider';
import { checkId, checkOneOf, checkText, firstRefusal, refusal } from '../shared/checks';
import { streamId } from '../shared/ids';
import type { AccessCommand, CreatePrincipal, IssuePrincipalToken, RevokePrincipal } from './access.commands';
import { aRole, PRINCIPAL_ROLES, SCOPED_ROLES, type AccessEvent, type PrincipalRole } from './access.events';

/** Parties in one recorder's scope at most. */
export const SCOPE_PARTIES_MAX = 200;
const TOKEN_ID = /^[0-9a-f]{16}$/;
const TOKEN_HASH = /^[0-9a-f]{64}$/;

export interface AccessState {
  readonly principals: ReadonlyMap<string, { readonly role: PrincipalRole; readonly revoked: boolean }>;
}

export const accessDecider: Decider<AccessCommand, AccessEvent, AccessState> = {
  category: 'access',
  initialState: () => ({ principals: new Map() }),
  evolve: (state, { event }) => {
    const principals = new Map(state.principals);
    const { principalId } = event.data;
    if (event.type === 'PrincipalCreated') principals.set(principalId, { role: event.data.role, revoked: false });
    const known = principals.get(principalId);
    if (event.type === 'PrincipalRevoked' && known) principals.set(principalId, { ...known, revoked: true });
    return { principals };
  },
  /** A recorder's parties must exist: a scope naming none of the ledger's parties grants nothing anyone meant. */
  references: (command) =>
    command.type === 'CreatePrincipal' && Array.isArray(command.scope) && command.scope.length <= SCOPE_PARTIES_MAX
      ? command.scope.filter((party) => typeof party === 'string').map((party) => streamId('party', party))
      : [],
  decide: (command, state, references) => {
    switch (command.type) {
      case 'CreatePrincipal':
        return create(command, state, references);
      case 'IssuePrincipalToken':
        return issueToken(command, state);
      case 'RevokePrincipal':
        return revoke(command, state);
      default:
        return refuseWith(refusal('invalid-value', `access does not take ${(command as { type: string }).type}`, 'type'));
    }
  },
};

/** The actors the ledger writes as without a principal: a principal of that id would be taken for them in the audit trail. */
export const RESERVED_ACTORS: readonly string[] = ['command-line', 'geldstroom-first-start'];

function create(command: CreatePrincipal, state: AccessState, references: References): Decision<AccessEvent> {
  const invalid = firstRefusal(
    checkId(command.principalId, 'principalId'),
    checkOneOf(command.role, PRINCIPAL_ROLES, 'role'),
    checkText(command.label, 'label'),
    checkScope(command),
    checkToken(command),
  );
  if (invalid) return refuseWith(invalid);
  if (state.principals.has(command.principalId)) {
    return refuseWith(refusal('already-exists', `principal ${command.principalId} exists`, 'principalId'));
  }
  if (RESERVED_ACTORS.includes(command.principalId)) {
    return refuseWith(refusal('invalid-value', `${command.principalId} names what the ledger records itself (the command line, the first start): choose another principal id`, 'principalId'));
  }
  const unknown = command.scope === 'all' ? [] : command.scope.filter((party) => !references.has(streamId('party', party)));
  if (unknown.length > 0) {
    return refuseWith(refusal('not-found', `no party ${unknown.join(', ')} is registered: ${aRole(command.role)} is scoped to parties that exist`, 'parties'));
  }
  const { principalId, role, label, tokenId, tokenHash } = command;
  const scope = command.scope === 'all' ? 'all' : [...command.scope];
  return accept([{ type: 'PrincipalCreated', data: { principalId, role, scope, label, tokenId, tokenHash } }]);
}

function issueToken(command: IssuePrincipalToken, state: AccessState): Decision<AccessEvent> {
  const invalid = firstRefusal(checkActive(command.principalId, state), checkToken(command));
  if (invalid) return refuseWith(invalid);
  const { principalId, tokenId, tokenHash } = command;
  return accept([{ type: 'PrincipalTokenIssued', data: { principalId, tokenId, tokenHash } }]);
}

function revoke(command: RevokePrincipal, state: AccessState): Decision<AccessEvent> {
  const invalid = firstRefusal(checkActive(command.principalId, state), checkText(command.reason, 'reason'));
  if (invalid) return refuseWith(invalid);
  const admins = [...state.principals.values()].filter((p) => p.role === 'admin' && !p.revoked).length;
  if (state.principals.get(command.principalId)?.role === 'admin' && admins === 1) {
    return refuseWith(
      refusal('invalid-state', `${command.principalId} is the last active admin: make another admin before revoking it`, 'principalId'),
    );
  }
  const { principalId, reason } = command;
  return accept([{ type: 'PrincipalRevoked', data: { principalId, reason } }]);
}

function checkActive(principalId: string, state: AccessState) {
  const principal = state.principals.get(principalId);
  return principal && !principal.revoked ? undefined : refusal('not-found', `no active principal ${principalId}`, 'principalId');
}

/**
 * A recorder writes for `all` or for 1 to 200 parties; a party reader reads 1 to 200 parties' own
 * views, never all; controllers, accountants and admins are not scoped.
 */
function checkScope(command: CreatePrincipal) {
  const { scope, role } = command;
  if (role === 'party-reader' && scope === 'all') return refusal('invalid-value', 'a party-reader reads the views of 1 to 200 parties it is given, never "all"', 'parties');
  if (scope === 'all') return undefined;
  if (!SCOPED_ROLES.includes(role)) return refusal('invalid-value', `${aRole(role)} is not scoped to parties: its scope is "all"`, 'parties');
  if (!Array.isArray(scope) || scope.length === 0 || scope.length > SCOPE_PARTIES_MAX) {
    return refusal('invalid-value', `${aRole(role)} ${role === 'recorder' ? 'writes for "all" or for' : 'reads the views of'} 1 to ${SCOPE_PARTIES_MAX} parties`, 'parties');
  }
  return firstRefusal(...scope.map((party) => checkId(party, 'parties')));
}

function checkToken(command: { readonly tokenId: string; readonly tokenHash: string }) {
  if (TOKEN_ID.test(command.tokenId) && TOKEN_HASH.test(command.tokenHash)) return undefined;
  return refusal('invalid-value', 'a token is kept as a 16-hex-digit id and the SHA-256 of its secret', 'token');
}
