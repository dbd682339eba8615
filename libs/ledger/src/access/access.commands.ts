// Access changes, as an admin (or the ledger's own first start, or the command line) asks for
// them. The token is made by the caller (randomness is I/O): the command carries its id and hash.
import type { PrincipalRole, PrincipalScope } from './access.events';

export interface CreatePrincipal {
  readonly type: 'CreatePrincipal';
  readonly principalId: string;
  readonly role: PrincipalRole;
  readonly scope: PrincipalScope;
  readonly label: string;
  readonly tokenId: string;
  readonly tokenHash: string;
}

export interface IssuePrincipalToken {
  readonly type: 'IssuePrincipalToken';
  readonly principalId: string;
  readonly tokenId: string;
  readonly tokenHash: string;
}

export interface RevokePrincipal {
  readonly type: 'RevokePrincipal';
  readonly principalId: string;
  readonly reason: string;
}

export type AccessCommand = CreatePrincipal | IssuePrincipalToken | RevokePrincipal;
