// Who funds a party, and in what shares, per year: what flowed into the budgets it owns (by the
// ultimate funders behind each inflow, its own means included), and what it received as grant
// and purchase payments (by the ultimate funders of the budgets that paid).
import { visible } from './cut';
import { Evidence } from './evidence';
import { knownParty } from './known-party';
import type { Fact } from './facts';
import { money } from './money';
import type { PoolFold } from './pools';
import { partyAmounts, type PartyAmount } from './programme-cost';
import type { LedgerReader, ResolvedCut } from './reader';
import { addInto, total, type Composition } from './split';

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
  /** Grant and purchase payments to the party dated in the year, net of reclaims. */
  readonly received: FundersOf & {
    /** The owners of the budgets that paid. */
    readonly directPayers: readonly PartyAmount[];
    /** Paid beyond what flowed into the paying budgets: borne by their owners (included above). */
    readonly uncovered: string;
  };
}

export interface PartyFunding {
  readonly partyId: string;
  readonly name: string | null;
  readonly kind: string | null;
  readonly years: readonly PartyFundingYear[];
  readonly asOf: string | null;
  readonly on: string | null;
  readonly journal: ResolvedCut['journal'];
  /** By `<year>.intoBudgets` and `<year>.received`: the inflows and payments behind each. */
  readonly evidence?: Record<string, unknown>;
}

interface YearSums {
  readonly intoBudgets: Map<string, number>;
  readonly budgets: string[];
  readonly received: Map<string, number>;
  readonly directPayers: Map<string, number>;
  uncovered: number;
}

const RECEIPTS = new Set(['GrantAdvancePaid', 'PurchasePaid', 'GrantReclaimed']);

export function partyFunding(
  reader: LedgerReader,
  partyId: string,
  cut: ResolvedCut,
  options: { readonly year?: number; readonly explain?: boolean } = {},
): PartyFunding | undefined {
  const registered = knownParty(reader, partyId, cut);
  if (!registered) return undefined;
  const evidence = new Evidence();
  const years = new Map<number, YearSums>();
  const year = (y: number): YearSums => {
    let sums = years.get(y);
    if (!sums) {
      sums = { intoBudgets: new Map(), budgets: [], received: new Map(), directPayers: new Map(), uncovered: 0 };
      years.set(y, sums);
    }
    return sums;
  };

  for (const [fiscalYear, budgetIds] of ownedBudgetsByYear(reader, partyId, cut)) {
    if (options.year !== undefined && fiscalYear !== options.year) continue;
    year(fiscalYear).budgets.push(...budgetIds);
    addInto(year(fiscalYear).intoBudgets, inflowsFromOutside(reader, budgetIds, cut, evidence, `${fiscalYear}.intoBudgets`));
  }
  addReceipts(reader, partyId, cut, (y) => (options.year === undefined || y === options.year ? year(y) : undefined), evidence);
  if (options.year !== undefined) year(options.year);

  return {
    partyId,
    name: typeof registered.data.name === 'string' ? registered.data.name : null,
    kind: typeof registered.data.kind === 'string' ? registered.data.kind : null,
    years: [...years].sort(([a], [b]) => a - b).map(([y, sums]) => yearAnswer(reader, y, sums)),
    asOf: cut.asOf,
    on: cut.on ?? null,
    journal: cut.journal,
    ...(options.explain ? { evidence: evidence.toJSON() } : {}),
  };
}

/** The budgets the party owns as the cut sees them, by fiscal year. */
function ownedBudgetsByYear(reader: LedgerReader, partyId: string, cut: ResolvedCut): Map<number, string[]> {
  const byYear = new Map<number, string[]>();
  for (const budgetId of reader.budgetsOwnedBy(partyId).sort()) {
    const opened = visible(reader.factsOfStream(`budget-${budgetId}`), cut).find((f) => f.type === 'BudgetOpened');
    if (!opened || opened.data.ownerPartyId !== partyId) continue;
    const fiscalYear = Number(opened.data.fiscalYear);
    byYear.set(fiscalYear, [...(byYear.get(fiscalYear) ?? []), budgetId]);
  }
  return byYear;
}

/**
 * What entered a set of budgets from outside it, by ultimate funder: each funding for its
 * funder, each transfer in from another budget by what composed that budget when it sent it.
 */
function inflowsFromOutside(reader: LedgerReader, budgetIds: readonly string[], cut: ResolvedCut, evidence: Evidence, figure: string): Map<string, number> {
  const inSet = new Set(budgetIds);
  const fold = reader.pools(budgetIds, cut);
  const byFunder = new Map<string, number>();
  for (const budgetId of budgetIds) {
    for (const inflow of fold.pools.get(budgetId)?.inflows ?? []) {
      if (inflow.type === 'BudgetFunded') {
        addInto(byFunder, new Map([[String(inflow.data.funderPartyId), Number(inflow.data.amountCents)]]));
        evidence.add(figure, inflow);
        continue;
      }
      const fromBudgetId = String(inflow.data.fromBudgetId);
      if (inSet.has(fromBudgetId)) continue;
      const sent = transferOut(reader, inflow, cut);
      addInto(byFunder, compositionOf(fold, sent, inflow));
      evidence.add(figure, inflow, ...(sent ? [sent] : []));
    }
  }
  return byFunder;
}

/** The sending side of a transfer in, as the cut sees it. */
function transferOut(reader: LedgerReader, transferIn: Fact, cut: ResolvedCut): Fact | undefined {
  const { fromBudgetId, transferId } = transferIn.data;
  return visible(reader.factsOfStream(`budget-${String(fromBudgetId)}`), cut).find(
    (f) => f.type === 'BudgetTransferredOut' && f.data.transferId === transferId,
  );
}

/** A transfer carries the composition its sender's pool had: pools attribute every transfer out. */
function compositionOf(fold: PoolFold, sent: Fact | undefined, transferIn: Fact): Composition {
  const attribution = sent ? fold.attributions.get(sent.eventId) : undefined;
  if (attribution) return attribution.byFunder;
  // The sending side not seen (a cut between the two sides of one transfer): named as pools
  // name a sender outside the facts they fold.
  return new Map([[`budget:${String(transferIn.data.fromBudgetId)}`, Number(transferIn.data.amountCents)]]);
}

/** Payments to the party, net of reclaims, attributed through the paying budgets' pools. */
function addReceipts(reader: LedgerReader, partyId: string, cut: ResolvedCut, year: (y: number) => YearSums | undefined, evidence: Evidence): void {
  const receipts = visible(reader.factsOfParty(partyId), cut).filter((f) => RECEIPTS.has(f.type) && f.budgetId !== null);
  if (receipts.length === 0) return;
  const fold = reader.pools(new Set(receipts.map((f) => f.budgetId!)), cut);
  const yearsSeen = new Set<number>();
  for (const receipt of receipts) {
    const y = Number(receipt.effectiveDate.slice(0, 4));
    const sums = year(y);
    const attribution = fold.attributions.get(receipt.eventId);
    if (!sums || !attribution) continue;
    addInto(sums.received, attribution.byFunder);
    const payer = fold.pools.get(attribution.budgetId)?.ownerPartyId ?? `budget:${attribution.budgetId}`;
    addInto(sums.directPayers, new Map([[payer, attribution.amount]]));
    sums.uncovered += attribution.uncovered;
    evidence.add(`${y}.received`, receipt);
    yearsSeen.add(y);
  }
  // The composition behind the attribution: the inflows of the pools the payments drew on.
  const inflows = [...fold.pools.values()].flatMap((pool) => pool.inflows);
  for (const y of yearsSeen) evidence.add(`${y}.received`, ...inflows);
}

function yearAnswer(reader: LedgerReader, y: number, sums: YearSums): PartyFundingYear {
  return {
    year: y,
    intoBudgets: { budgets: sums.budgets, total: money(total(sums.intoBudgets)), funders: partyAmounts(reader, sums.intoBudgets) },
    received: {
      total: money(total(sums.received)),
      funders: partyAmounts(reader, sums.received),
      directPayers: partyAmounts(reader, sums.directPayers),
      uncovered: money(sums.uncovered),
    },
  };
}
