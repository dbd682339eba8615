// A party as the ledger knew it at a journal position.
import { visible, type Cut } from './cut';
import type { Fact } from './facts';
import type { LedgerReader } from './reader';

/**
 * The party's registration, by knowledge time alone: its registration date is when it entered
 * the register, not a bound on the money it moved, so `on` does not hide the party itself.
 */
export function knownParty(reader: LedgerReader, partyId: string, cut: Cut): Fact | undefined {
  return visible(reader.factsOfStream(`party-${partyId}`), { position: cut.position }).find((f) => f.type === 'PartyRegistered');
}
