// Who may do what. A principal has one role; a recorder also has a scope of parties.
// Tokens are API keys: `gs_<tokenId>_<secret>`, 256 random bits of secret. Only the SHA-256 of
// the secret is kept (as GitHub and Stripe keep theirs): with that much entropy a slow hash adds
// nothing, and the id lets a token be found without comparing against every hash.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { PRINCIPAL_ROLES, type PrincipalRole, type PrincipalScope } from '@geldstroom/ledger';

export const ROLES = PRINCIPAL_ROLES;
export type Role = PrincipalRole;
/** `all`, or the parties a recorder writes for. Readers and admins are not scoped. */
export type Scope = PrincipalScope;

export interface Principal {
  readonly principalId: string;
  readonly role: Role;
  readonly scope: Scope;
  /** What the key is for, e.g. "finance clerk Heerlen": a function, never a person's data. */
  readonly label: string;
  readonly createdAt: string;
  readonly revoked: boolean;
}

export interface IssuedToken {
  readonly tokenId: string;
  readonly tokenHash: string;
  /** Shown once, to whoever asked for it; never stored. */
  readonly token: string;
}

const TOKEN = /^gs_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function issueToken(): IssuedToken {
  const tokenId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, tokenHash: secretHash(secret).toString('hex'), token: `gs_${tokenId}_${secret}` };
}

export function parseToken(token: string): { tokenId: string; secret: string } | undefined {
  const match = TOKEN.exec(token);
  return match ? { tokenId: match[1], secret: match[2] } : undefined;
}

export function secretMatches(secret: string, tokenHash: string): boolean {
  const expected = Buffer.from(tokenHash, 'hex');
  const actual = secretHash(secret);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function secretHash(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function inScope(principal: Principal, partyId: string): boolean {
  return principal.scope === 'all' || principal.scope.includes(partyId);
}
