// Whose books a command is written in. A recorder may write only for the parties it is scoped
// to; this names the party each command is accountable to, or the budget whose owner it is.
//
// The rule is one for all streams: an entity belongs to the party that owns it (a budget, a
// programme), buys with it (a procurement, a contract), or pays from its budget (a grant, a
// purchase, an expense). A source document belongs where the fact it supports belongs. A
// finding's reviews are the controllers' and accountants': no recorder writes in them. An
// existing stream answers from its first event, so a reversal of anything on it is judged like
// the entity itself, even after its creation was reversed.
import type { EventData } from './decider';

export type Accountability =
  /** The party itself answers for the command. */
  | { readonly kind: 'party'; readonly partyId: string }
  /** The owner of this budget answers for it: the write side looks the owner up. */
  | { readonly kind: 'budget'; readonly budgetId: string }
  /** Whoever answers for the first event of this stream (a document: the fact it supports). */
  | { readonly kind: 'stream'; readonly streamId: string }
  /** A finding's reviews: controllers and accountants only, never a recorder. */
  | { readonly kind: 'reviewers' }
  /** Reference data any recorder may add: registering a party (a supplier, a funder). */
  | { readonly kind: 'any-recorder' };

const OWNER_FIELDS = ['ownerPartyId', 'buyerPartyId'] as const;

/**
 * @param command the command as the decider gets it
 * @param creation the data of the stream's first event, when the stream exists
 */
export function accountabilityOf(command: { readonly type: string } & EventData, creation?: EventData): Accountability {
  if (command.type === 'RegisterParty') return { kind: 'any-recorder' };
  return accountabilityOfData(creation ?? command);
}

/** Whose books a stream is in, from the data of its first event (or of the command starting it). */
export function accountabilityOfData(source: EventData): Accountability {
  if (typeof source.findingId === 'string') return { kind: 'reviewers' };
  if (typeof source.supportsStreamId === 'string') return { kind: 'stream', streamId: source.supportsStreamId };
  for (const field of OWNER_FIELDS) {
    const partyId = source[field];
    if (typeof partyId === 'string') return { kind: 'party', partyId };
  }
  if (typeof source.budgetId === 'string') return { kind: 'budget', budgetId: source.budgetId };
  // A party stream (a reversal of a registration) and anything unforeseen: the party named, if any.
  if (typeof source.partyId === 'string') return { kind: 'party', partyId: source.partyId };
  return { kind: 'any-recorder' };
}
