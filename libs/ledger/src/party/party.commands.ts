// Parties: municipalities, regions, joint arrangements (GR), foundations, companies, the Rijk.
import type { PartyKind } from './party.events';

export interface RegisterParty {
  readonly type: 'RegisterParty';
  readonly partyId: string;
  /** The organisation's name: never a person's. */
  readonly name: string;
  readonly kind: PartyKind;
  readonly effectiveDate: string;
}

export type PartyCommand = RegisterParty;
