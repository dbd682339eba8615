import type { DomainEvent } from '../shared/decider';

export const PARTY_KINDS = [
  'municipality',
  'region',
  'joint-arrangement',
  'foundation',
  'company',
  'central-government',
  // Stands for several that the ledger does not name one by one: the creditors an import of
  // booking lines gathers under one party, or natural persons. Never one supplier.
  'collective',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const PARTY_EVENT_TYPES = ['PartyRegistered'] as const;

export type PartyRegistered = DomainEvent<
  'PartyRegistered',
  { readonly partyId: string; readonly name: string; readonly kind: PartyKind; readonly effectiveDate: string }
>;

export type PartyEvent = PartyRegistered;
