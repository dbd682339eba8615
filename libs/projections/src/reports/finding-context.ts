// What a finding concerns beyond its own entity: the budgets its money was charged to, the parties
// accountable for it (the owners of those budgets, a contract's buyer), and where the findings
// workflow stands on it (the latest review recorded for its id). Read at a cut, from rows and the
// finding's own events only: a handful of reads per finding.
import type { ReviewState } from '@geldstroom/ledger';
import type { Review } from '../folds/headers';
import type { Step } from '../findings/derive';
import type { Finding } from '../findings/finding';
import { sumRows } from '../queries/figures';
import type { Cut, LedgerReader } from '../queries/reader';
import type { ScopeRow } from '../engine/scopes';

export interface FindingContext {
  readonly budgetIds: ReadonlySet<string>;
  readonly partyIds: ReadonlySet<string>;
}

/** The budgets a finding's money was charged to, and the parties accountable for them. */
export function findingContext(reader: LedgerReader, finding: Finding, cut: Cut): FindingContext {
  const budgetIds = new Set<string>();
  const partyIds = new Set<string>();
  const { category, id } = finding.entity;
  if (category === 'budget') budgetIds.add(id);
  if (category === 'grant' || category === 'purchase' || category === 'expense') {
    const unit = reader.unit(finding.entity.streamId, cut);
    if (unit.kind === 'spending' && unit.state.budgetId) budgetIds.add(unit.state.budgetId);
  }
  if (category === 'contract') addContract(reader, finding, cut, budgetIds, partyIds);
  const buyer = finding.detail.buyerPartyId;
  if (typeof buyer === 'string') partyIds.add(buyer);
  for (const fact of reader.facts(finding.events.map((e) => e.position))) {
    const charged = (fact.data as { budgetId?: unknown }).budgetId;
    if (typeof charged === 'string') budgetIds.add(charged);
  }
  for (const budgetId of budgetIds) {
    const owner = reader.budget(budgetId, cut)?.ownerPartyId;
    if (owner) partyIds.add(owner);
  }
  return { budgetIds, partyIds };
}

/**
 * A contract's buyer, and the budgets the finding names as charged (its detail's budgetIds): every
 * call-off's for the contract as a whole (a procedure too light, the ceiling passed), only those
 * outside the term for call-offs outside it, so that such a finding is placed in their years alone.
 */
function addContract(reader: LedgerReader, finding: Finding, cut: Cut, budgetIds: Set<string>, partyIds: Set<string>): void {
  const buyer = contractBuyer(reader, finding.entity.id, cut);
  if (buyer === null) return;
  partyIds.add(buyer);
  const charged = finding.detail.budgetIds;
  if (Array.isArray(charged)) for (const budgetId of charged) if (typeof budgetId === 'string') budgetIds.add(budgetId);
}

/** The buyer of a contract, as the cut sees it (null: not known then). */
export function contractBuyer(reader: LedgerReader, contractId: string, cut: Cut): string | null {
  const unit = reader.unit(`contract-${contractId}`, cut, true);
  return unit.kind === 'contract' && unit.state.opened ? unit.state.buyerPartyId : null;
}

/** The sums of what was called off under a contract (its supplier's rows of it), as the cut sees it; none for a contract unknown then. */
export function contractRows(reader: LedgerReader, contractId: string, cut: Cut): ScopeRow[] {
  const unit = reader.unit(`contract-${contractId}`, cut, true);
  if (unit.kind !== 'contract' || !unit.state.opened) return [];
  return reader.scopeRows('party', unit.state.supplierPartyId, cut).filter((r) => r.group.contract_id === contractId);
}

/** A call-off's step under a contract (what one event changed of what an order commits), with the budget the order was charged to. */
export type ChargedStep = Step & { readonly budgetId: string };

/** What each event under a contract changed of what its orders commit, in business order, as the cut sees it. */
export function contractSteps(reader: LedgerReader, contractId: string, cut: Cut): ChargedStep[] {
  const rows = reader
    .statement(
      `SELECT event_position, date, unit_id, budget_id, SUM(committed_cents) FROM movements
       WHERE contract_id = @contract AND q <= @at AND (@on IS NULL OR date <= @on)
       GROUP BY event_position, unit_id HAVING SUM(committed_cents) <> 0 ORDER BY date, event_position, unit_id`,
    )
    .raw()
    .all({ contract: contractId, at: cut.position, on: cut.on }) as [number, string, string, string | null, number][];
  return rows.map(([position, date, unitId, budgetId, deltaCents]) => ({ position, date, unitId, budgetId: budgetId ?? '', deltaCents }));
}

/** What was committed under a contract, as the cut sees it. */
export function committedUnderContract(reader: LedgerReader, contractId: string, cut: Cut): number {
  return sumRows(contractRows(reader, contractId, cut)).measures.committedCents;
}

/** What was committed under a contract, by the budget it was charged to. */
export function committedByBudget(reader: LedgerReader, contractId: string, cut: Cut): Map<string, number> {
  const byBudget = new Map<string, number>();
  for (const row of contractRows(reader, contractId, cut)) {
    const budgetId = String(row.group.budget_id ?? '');
    byBudget.set(budgetId, (byBudget.get(budgetId) ?? 0) + row.measures.committedCents);
  }
  return byBudget;
}

export interface ReviewAnswer {
  readonly state: ReviewState;
  readonly note: string;
  readonly on: string;
  readonly actor: string | null;
  readonly position: number;
}

/** The latest review of every finding id the cut sees, in business order (date, then position). */
export function latestReviews(reader: LedgerReader, cut: Cut): Map<string, ReviewAnswer> {
  const latest = new Map<string, Review>();
  for (const unit of reader.unitsOf('review', cut)) {
    if (unit.kind !== 'review' || !unit.state.opened) continue;
    for (const review of unit.state.reviews) {
      const before = latest.get(unit.state.findingId);
      if (!before || review.on > before.on || (review.on === before.on && review.position > before.position)) latest.set(unit.state.findingId, review);
    }
  }
  return new Map([...latest].map(([findingId, r]) => [findingId, { state: r.state, note: r.note, on: r.on, actor: r.actor, position: r.position }]));
}
