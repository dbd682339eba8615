// Who may use the ledger: principals, their tokens, and the end of their access. One stream,
// `access-principals`. A token's secret is never in an event: only its SHA-256 and its id.
import type { DomainEvent } from '../shared/decider';

/**
 * A recorder records facts for its parties; a controller and an accountant read everything and
 * review findings; an admin manages principals. A party reader (a provider, a co-funder) reads
 * its own parties' views and nothing else.
 */
export const PRINCIPAL_ROLES = ['recorder', 'controller', 'accountant', 'admin', 'party-reader'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

/** A role as a sentence names it: "an admin", "a recorder". */
export function aRole(role: PrincipalRole): string {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}

/** The roles held to a list of parties: `all` or some for a recorder, some for a party reader. */
export const SCOPED_ROLES: readonly PrincipalRole[] = ['recorder', 'party-reader'];

/** `all`, or the parties a recorder writes for or a party reader reads. The other roles are not scoped. */
export type PrincipalScope = 'all' | readonly string[];

export const ACCESS_STREAM = 'access-principals';
export const ACCESS_EVENT_TYPES = ['PrincipalCreated', 'PrincipalTokenIssued', 'PrincipalRevoked'] as const;

export type PrincipalCreated = DomainEvent<
  'PrincipalCreated',
  {
    readonly principalId: string;
    readonly role: PrincipalRole;
    readonly scope: 'all' | string[];
    /** What the key is for: a function, never a person. */
    readonly label: string;
    readonly tokenId: string;
    readonly tokenHash: string;
  }
>;

/** A new token; the principal's earlier tokens stop working. */
export type PrincipalTokenIssued = DomainEvent<
  'PrincipalTokenIssued',
  { readonly principalId: string; readonly tokenId: string; readonly tokenHash: string }
>;

export type PrincipalRevoked = DomainEvent<'PrincipalRevoked', { readonly principalId: string; readonly reason: string }>;

export type AccessEvent = PrincipalCreated | PrincipalTokenIssued | PrincipalRevoked;
