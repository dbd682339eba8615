// Amounts by party with their names and shares, as the answers list funders and payers.
import { money } from '../model/money';
import { byFunderParty } from '../who-paid/sources';
import { splitProRata } from '../who-paid/split';
import type { Cut, LedgerReader } from './reader';

export interface PartyAmount {
  readonly partyId: string;
  readonly name: string | null;
  readonly amount: string;
  /** Percentage of the total with two decimals; the shares add up to 100.00 exactly. */
  readonly share: string;
}

/**
 * Largest first, with shares in hundredths of a percent by largest remainder. Money a funder paid
 * under a regulation counts for the funder here (see who-paid/sources.ts).
 */
export function partyAmounts(reader: LedgerReader, amounts: ReadonlyMap<string, number>, cut: Cut): PartyAmount[] {
  const nonzero = new Map([...byFunderParty(amounts)].filter(([, cents]) => cents !== 0));
  const shares = splitProRata(10_000, new Map([...nonzero].filter(([, c]) => c > 0)));
  return [...nonzero]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([partyId, cents]) => ({
      partyId,
      name: reader.partyName(partyId, cut),
      amount: money(cents),
      share: money(shares.get(partyId) ?? 0),
    }));
}
