// A party's own books (its lasten and baten) read from the rows of the budgets it owns. Lasten:
// what left its budgets as spending (grants, purchases, every kind of expense) and what it moved
// to budgets owned by OTHER parties, which in its own books is a contribution (bijdrage aan een
// verbonden partij). Baten: what came into its budgets from others: an outside funder's money and
// transfers from other parties' budgets. Money moved between its own budgets is neither: it stays
// the party's. The consolidated answers (programme cost, who paid, funding flows) keep tracing a
// transfer to its ultimate funders and never count it as a cost; both views are right, they answer
// different questions.
import type { BudgetHeader } from '../folds/headers';
import type { SpendingKind } from '../model/movement';
import type { ScopeRow } from '../engine/scopes';
import { isSpendingKind } from '../queries/figures';
import type { Cut, LedgerReader } from '../queries/reader';

/** How a line of lasten left the budget: spent on something, or moved to another party's budget. */
export type LastenVia = 'spending' | 'transfer';

export interface LastenLine {
  readonly budget: BudgetHeader;
  /** The kind of cost; a transfer to another party's budget is a `contribution`. */
  readonly kind: SpendingKind;
  readonly via: LastenVia;
  /** Recipient, supplier or payee; for a transfer, the owner of the receiving budget. */
  readonly counterpartyId: string | null;
  /** For a transfer: the receiving budget. */
  readonly counterBudgetId: string | null;
  readonly programmeId: string | null;
  readonly committedCents: number;
  readonly realisedCents: number;
  /** What was paid (or moved), by source (see who-paid/sources.ts). */
  readonly funders: ReadonlyMap<string, number>;
}

export type BatenVia = 'funding' | 'transfer';

export interface BatenLine {
  readonly budget: BudgetHeader;
  readonly via: BatenVia;
  /** The funder, or the owner of the sending budget. */
  readonly counterpartyId: string;
  readonly counterBudgetId: string | null;
  readonly amountCents: number;
  /** What came in, by source. */
  readonly funders: ReadonlyMap<string, number>;
}

export interface OwnBooks {
  readonly lasten: readonly LastenLine[];
  readonly baten: readonly BatenLine[];
  /** Moved between the party's own budgets: neither lasten nor baten (out of the budgets read). */
  readonly betweenOwnBudgetsCents: number;
  /** Funded from the party's own means (algemene middelen): not baten of these budgets either. */
  readonly ownMeansCents: number;
}

/** The budgets a party owns as the cut sees them. */
export function ownBudgets(reader: LedgerReader, partyId: string, cut: Cut): BudgetHeader[] {
  return reader.budgets(cut).filter((b) => b.ownerPartyId === partyId);
}

/** The own books of a set of the party's budgets, from their rows at the cut. */
export function ownBooks(reader: LedgerReader, partyId: string, budgets: readonly BudgetHeader[], cut: Cut): OwnBooks {
  const owners = new Map<string, string | null>();
  const ownerOf = (budgetId: string): string | null => {
    if (!owners.has(budgetId)) owners.set(budgetId, reader.budget(budgetId, cut)?.ownerPartyId ?? null);
    return owners.get(budgetId)!;
  };
  const books = { lasten: [] as LastenLine[], baten: [] as BatenLine[], betweenOwnBudgetsCents: 0, ownMeansCents: 0 };
  for (const budget of budgets) {
    for (const row of reader.scopeRows('budget', budget.budgetId, cut)) addRow(books, partyId, budget, row, ownerOf);
  }
  return books;
}

function addRow(books: { lasten: LastenLine[]; baten: BatenLine[]; betweenOwnBudgetsCents: number; ownMeansCents: number }, partyId: string, budget: BudgetHeader, row: ScopeRow, ownerOf: (budgetId: string) => string | null): void {
  const { kind, party_id: party, counter_budget_id: counter, programme_id: programme } = row.group;
  const m = row.measures;
  const counterBudgetId = counter ? String(counter) : null;
  if (isSpendingKind(kind)) {
    books.lasten.push({
      budget, kind, via: 'spending', counterpartyId: party ? String(party) : null, counterBudgetId: null,
      programmeId: programme ? String(programme) : null, committedCents: m.committedCents, realisedCents: m.realisedCents, funders: row.funders,
    });
    return;
  }
  // A budget the ledger did not know at the cut counts as someone else's: the money left this party's books.
  const counterOwner = counterBudgetId === null ? null : ownerOf(counterBudgetId);
  if (kind === 'transfer-out') {
    if (counterOwner === partyId) books.betweenOwnBudgetsCents += m.transferredOutCents;
    else books.lasten.push({
      budget, kind: 'contribution', via: 'transfer', counterpartyId: counterOwner, counterBudgetId,
      programmeId: programme ? String(programme) : null, committedCents: m.transferredOutCents, realisedCents: m.transferredOutCents, funders: row.funders,
    });
  } else if (kind === 'transfer-in' && counterOwner !== partyId) {
    books.baten.push({ budget, via: 'transfer', counterpartyId: counterOwner ?? `budget:${counterBudgetId}`, counterBudgetId, amountCents: m.transferredInCents, funders: row.funders });
  } else if (kind === 'funding' && party !== partyId) {
    books.baten.push({ budget, via: 'funding', counterpartyId: String(party), counterBudgetId: null, amountCents: m.fundedCents, funders: row.funders });
  } else if (kind === 'funding') {
    books.ownMeansCents += m.fundedCents;
  }
}
