// Money an outside funder pays a party under a regulation (a specific grant: a SiSa uitkering, kept
// apart by who paid as funder, regulation and the budget it came into) is baten of the year it is
// spent in, on the taakveld it is spent on, and not of the year it came in: what is not yet spent
// is held for the funder, on the balance sheet (BBV art. 49: voorschotbedragen voor uitkeringen met
// een specifiek bestedingsdoel). Spent is what the accountability per funding counts (who paid: a
// payment draws on an earmark first, then pro rata, through every transfer between the party's own
// budgets; money passed on to another party's budget is spent), so the balance at a year's end is
// that statement's `unspent` for the year, to the cent. Money without a regulation code, and
// another party's regulated money that reaches this party, stay baten when received.
import { money } from '../model/money';
import type { LedgerReader, Cut } from '../queries/reader';
import { regulatedSource } from '../who-paid/sources';
import type { OwnBooks } from './own-books';

export interface SpecificGrantBalance {
  readonly funderPartyId: string;
  readonly funderName: string | null;
  readonly regulationCode: string;
  /** Received in earlier fiscal years and not spent in them. */
  readonly balanceAtStart: string;
  /** Came into the year's budgets from the funder (or back from another party's budget). */
  readonly received: string;
  /** Spent in the year: the baten the matrix shows for it, on the taakvelden it was spent on. */
  readonly recognised: string;
  /** balanceAtStart + received − recognised: still held for the funder at the year's end. */
  readonly balanceAtEnd: string;
}

/** A source that is a specific grant of the party: regulated money that came into one of its budgets. */
export type SpecificSource = (key: string) => { readonly funderPartyId: string; readonly regulationCode: string } | undefined;

export function specificSources(partyId: string, ownBudgetIds: ReadonlySet<string>): SpecificSource {
  return (key) => {
    const regulated = regulatedSource(key);
    if (!regulated || regulated.funderPartyId === partyId || !ownBudgetIds.has(regulated.budgetId)) return undefined;
    return { funderPartyId: regulated.funderPartyId, regulationCode: regulated.regulationCode };
  };
}

/** The cents of a source map that are the party's specific grants, by source. */
export function specificOf(funders: ReadonlyMap<string, number>, specific: SpecificSource): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, cents] of funders) if (specific(key)) out.set(key, (out.get(key) ?? 0) + cents);
  return out;
}

/**
 * Per funder and regulation: what the party held at the start of the year, received and spent in
 * it, and held at its end. `earlier` are the books of its budgets of the fiscal years before.
 */
export function specificGrantBalances(
  reader: LedgerReader,
  cut: Cut,
  specific: SpecificSource,
  earlier: OwnBooks,
  year: OwnBooks,
): { readonly balances: SpecificGrantBalance[]; readonly heldCents: number } {
  type Flow = { funderPartyId: string; regulationCode: string; startCents: number; receivedCents: number; recognisedCents: number };
  const flows = new Map<string, Flow>();
  const each = (lines: readonly { readonly funders: ReadonlyMap<string, number> }[], count: (flow: Flow, cents: number) => void) => {
    for (const line of lines) {
      for (const [key, cents] of line.funders) {
        const source = specific(key);
        if (!source || cents === 0) continue;
        const id = `${source.funderPartyId}|${source.regulationCode}`;
        const flow = flows.get(id) ?? { ...source, startCents: 0, receivedCents: 0, recognisedCents: 0 };
        count(flow, cents);
        flows.set(id, flow);
      }
    }
  };
  each(earlier.baten, (flow, cents) => (flow.startCents += cents));
  each(earlier.lasten, (flow, cents) => (flow.startCents -= cents));
  each(year.baten, (flow, cents) => (flow.receivedCents += cents));
  each(year.lasten, (flow, cents) => (flow.recognisedCents += cents));
  const balances = [...flows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, e]) => ({
      funderPartyId: e.funderPartyId,
      funderName: reader.partyName(e.funderPartyId, cut),
      regulationCode: e.regulationCode,
      balanceAtStart: money(e.startCents),
      received: money(e.receivedCents),
      recognised: money(e.recognisedCents),
      balanceAtEnd: money(e.startCents + e.receivedCents - e.recognisedCents),
    }))
    .filter((b) => [b.balanceAtStart, b.received, b.recognised].some((amount) => amount !== money(0)));
  const heldCents = [...flows.values()].reduce((total, flow) => total + flow.receivedCents - flow.recognisedCents, 0);
  return { balances, heldCents };
}
