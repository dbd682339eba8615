// Who funds a party, and in what shares, per year: what flowed into the budgets it owns (by the
// ultimate funders behind each inflow, its own means included), and what it received as grant and
// purchase payments (by the ultimate funders of the budgets that paid).
import type { BudgetHeader } from '../folds/headers';
import { money } from '../model/money';
import type { ScopeRow } from '../engine/scopes';
import { addInto, total } from '../who-paid/split';
import { Evidence, eventsMoving } from './evidence';
import { isSpendingKind, sumRows } from './figures';
import { partyAmounts, type PartyAmount } from './party-amounts';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';
import { ownBudgets } from './spending';
import { whoPaidEvidence } from './who-paid-evidence';

export interface FundersOf {
  readonly total: string;
  /** Ultimate funders, largest first; amounts add up to `total`, shares to 100.00. */
  readonly funders: readonly PartyAmount[];
}

export interface PartyFundingYear {
  readonly year: number;
  /**
   * The inflows of the party's budgets of this fiscal year: fundings, and transfers in from
   * budgets outside that set by the composition of the sending budget. Moves between the
   * party's own budgets of the year are not inflows; amendments name no funder.
   */
  readonly intoBudgets: FundersOf & { readonly budgets: readonly string[] };
  /** Grant and purchase payments to the party dated in the year, net of reclaims; not what it paid from its own budgets. */
  readonly received: FundersOf & {
    /** The owners of the budgets that paid. */
    readonly directPayers: readonly PartyAmount[];
    /** Paid beyond what flowed into the paying budgets: borne by their owners (included above). */
    readonly uncovered: string;
  };
}

export interface PartyFunding extends AnswerCut {
  readonly partyId: string;
  readonly name: string | null;
  readonly kind: string | null;
  readonly years: readonly PartyFundingYear[];
  /** By `<year>.intoBudgets` and `<year>.received`: the inflows and payments behind each. */
  readonly evidence?: Record<string, unknown>;
}

export function partyFunding(
  reader: LedgerReader,
  partyId: string,
  cut: Cut,
  options: { readonly year?: number; readonly explain?: boolean } = {},
): PartyFunding | undefined {
  const party = reader.party(partyId, cut);
  if (!party) return undefined;
  const wanted = (year: number) => options.year === undefined || year === options.year;
  const budgets = ownBudgets(reader, partyId, cut).filter((b) => wanted(b.fiscalYear));
  // What it paid from its own budgets (its own staff, booked with itself as payee) is no funding it received.
  const ownPaid = (row: ScopeRow) => row.group.budget_id !== '' && reader.budget(String(row.group.budget_id), cut)?.ownerPartyId === partyId;
  const receipts = reader.scopeRows('party', partyId, cut).filter((r) => isSpendingKind(r.group.kind) && wanted(Number(r.group.year)) && !ownPaid(r));
  const years = [...new Set([...budgets.map((b) => b.fiscalYear), ...receipts.filter((r) => r.measures.realisedCents !== 0).map((r) => Number(r.group.year)), ...(options.year === undefined ? [] : [options.year])])].sort((a, b) => a - b);
  return {
    partyId,
    name: party.name,
    kind: party.kind,
    years: years.map((year) => ({
      year,
      intoBudgets: intoBudgets(reader, budgets.filter((b) => b.fiscalYear === year), cut),
      received: received(reader, receipts.filter((r) => Number(r.group.year) === year), cut),
    })),
    ...answerCut(cut),
    ...(options.explain ? { evidence: fundingEvidence(reader, partyId, budgets, years, cut) } : {}),
  };
}

/** What entered a set of budgets from outside it, by ultimate funder. */
function intoBudgets(reader: LedgerReader, budgets: readonly BudgetHeader[], cut: Cut): PartyFundingYear['intoBudgets'] {
  const inSet = new Set(budgets.map((b) => b.budgetId));
  const byFunder = new Map<string, number>();
  for (const budget of budgets) {
    for (const row of reader.scopeRows('budget', budget.budgetId, cut)) {
      if (row.group.kind === 'funding') addInto(byFunder, new Map([[String(row.group.party_id), row.measures.fundedCents]]));
      if (row.group.kind === 'transfer-in' && !inSet.has(String(row.group.counter_budget_id))) addInto(byFunder, row.funders);
    }
  }
  return { budgets: [...inSet].sort(), total: money(total(byFunder)), funders: partyAmounts(reader, byFunder, cut) };
}

function received(reader: LedgerReader, rows: readonly ScopeRow[], cut: Cut): PartyFundingYear['received'] {
  const all = sumRows(rows);
  const byPayer = new Map<string, number>();
  for (const budgetId of new Set(rows.map((r) => String(r.group.budget_id)))) {
    const paid = sumRows(rows.filter((r) => r.group.budget_id === budgetId)).measures.realisedCents;
    const owner = reader.budget(budgetId, cut)?.ownerPartyId ?? `budget:${budgetId}`;
    addInto(byPayer, new Map([[owner, paid]]));
  }
  return {
    total: money(total(all.funders)),
    funders: partyAmounts(reader, all.funders, cut),
    directPayers: partyAmounts(reader, byPayer, cut),
    uncovered: money(all.measures.uncoveredCents),
  };
}

function fundingEvidence(reader: LedgerReader, partyId: string, budgets: readonly BudgetHeader[], years: readonly number[], cut: Cut): Record<string, unknown> {
  const evidence = new Evidence(reader, cut);
  for (const year of years) {
    const ofYear = budgets.filter((b) => b.fiscalYear === year);
    const inSet = new Set(ofYear.map((b) => b.budgetId));
    for (const budget of ofYear) {
      const inflows = reader.movementsAt('budget', budget.budgetId, cut).filter(
        (m) => m.dims.kind === 'funding' || (m.dims.kind === 'transfer-in' && !inSet.has(m.dims.counterBudgetId ?? '')),
      );
      const positions = eventsMoving(inflows, ['fundedCents', 'transferredInCents']);
      evidence.add(`${year}.intoBudgets`, [...positions, ...reader.originsOf(positions)]);
    }
    const payments = reader.movementsAt('party', partyId, cut).filter((m) => isSpendingKind(m.dims.kind) && Number(m.date.slice(0, 4)) === year);
    const paid = whoPaidEvidence(reader, payments, cut);
    if (paid.length > 0) evidence.add(`${year}.received`, paid);
  }
  return evidence.toJSON();
}
