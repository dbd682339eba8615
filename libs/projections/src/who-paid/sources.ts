// The sources a pool's money is kept by. Own means and an outside funder's money count for the
// funder party; money an outside funder pays under a regulation (a SiSa uitkering) is kept apart
// as "funder|regulation|budget funded", so what was spent from it can be accounted for on its own
// however it moved between budgets. Answers that name funders add the sources up by party.

/** The separator: never part of a party id, a regulation code (see the ledger) or a budget id. */
const SEPARATOR = '|';

export interface RegulatedSource {
  readonly funderPartyId: string;
  readonly regulationCode: string;
  /** The budget the funding came into: whose money it is. */
  readonly budgetId: string;
}

/** The key a funding's money is kept under in its budget's pool. */
export function fundingSource(data: { readonly funderPartyId: string; readonly regulationCode?: string; readonly budgetId: string }): string {
  return data.regulationCode === undefined ? data.funderPartyId : [data.funderPartyId, data.regulationCode, data.budgetId].join(SEPARATOR);
}

/** The party a source counts for: the funder, or (for `budget:<id>`) the key as it is. */
export function funderPartyOf(source: string): string {
  const at = source.indexOf(SEPARATOR);
  return at < 0 ? source : source.slice(0, at);
}

/** A regulated source's parts; undefined for a party's own means or unregulated money. */
export function regulatedSource(source: string): RegulatedSource | undefined {
  const parts = source.split(SEPARATOR);
  if (parts.length !== 3) return undefined;
  const [funderPartyId, regulationCode, budgetId] = parts;
  return { funderPartyId, regulationCode, budgetId };
}

/** Amounts by source added up by the party each counts for. */
export function byFunderParty(amounts: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [source, cents] of amounts) {
    const party = funderPartyOf(source);
    const next = (out.get(party) ?? 0) + cents;
    if (next === 0) out.delete(party);
    else out.set(party, next);
  }
  return out;
}
