// What the ledger spent with one provider (a supplier, a grant recipient, a payee), per year: its
// contracts with their ceilings after amendments, what was bought in each unit (trajectories,
// hours, months, ...) and its average price, invoices and payments, the grants it received and the
// expenses paid to it; every figure with its events. Narrowed to one buyer (the owner of the
// budgets charged) or one budget, it answers "what did *we* pay this provider".
import type { ContractHeader } from '../folds/headers';
import { divideCents, money } from '../model/money';
import { isSpendingKind, type Measure } from '../model/movement';
import { EXPENSE_KINDS, type ExpenseKind, type PurchaseUnit } from '@geldstroom/ledger';
import type { ScopeRow } from '../engine/scopes';
import { Evidence, eventsMoving } from './evidence';
import { sumRows } from './figures';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

export interface ProviderContract {
  readonly contractId: string;
  readonly procurementId: string;
  readonly buyerPartyId: string;
  readonly procedure: string;
  /** After amendments, as the cut sees them. */
  readonly ceiling: string;
  readonly awardedCeiling: string;
  readonly termStart: string;
  readonly termEnd: string;
  readonly optionMonths: number;
  readonly awardedOn: string;
  readonly endedOn: string | null;
  /** Committed by purchases under the contract ordered in this year. */
  readonly calledOff: string;
}

export interface ProviderYear {
  readonly year: number;
  /** Contracts whose term overlaps the year, or that were called off in it. */
  readonly contracts: readonly ProviderContract[];
  readonly purchases: {
    /** Orders placed in the year; and orders cancelled in the year. */
    readonly count: number;
    readonly cancelled: number;
    /** Trajectories ordered in the year, less those of orders cancelled in it. */
    readonly trajectories: number;
    /**
     * Committed in the year: orders placed in it (count × price), less what cancellations in it
     * released, plus what payments in it took beyond an order.
     */
    readonly committed: string;
    /**
     * What the trajectory orders not cancelled commit ÷ their trajectories, to the cent, half up;
     * null without trajectories. A cancelled order counts no trajectories, so what it still commits
     * (invoiced or paid before the cancellation) is in `committed` but not in the price.
     */
    readonly averagePricePerTrajectory: string | null;
    /** The same per unit the orders count in (trajectory, hour, month, participant, lump-sum). */
    readonly byUnit: readonly ProviderUnit[];
    /** Invoices and payments dated in the year, whatever year the order was placed in. */
    readonly invoiced: string;
    readonly paid: string;
  };
  readonly grants: {
    /** Grants awarded in the year, and their amount as awarded. */
    readonly count: number;
    readonly awarded: string;
    /** Payments and reclaims dated in the year. */
    readonly paid: string;
    readonly reclaimed: string;
  };
  readonly expenses: ProviderExpenses;
}

export interface ProviderUnit {
  readonly unit: PurchaseUnit;
  readonly orders: number;
  /** Units ordered (trajectories, hours, months, ...), less those of orders cancelled. */
  readonly quantity: number;
  readonly committed: string;
  /** What the orders not cancelled commit ÷ `quantity`, to the cent, half up; null without a quantity. */
  readonly averagePrice: string | null;
}

export interface ProviderExpenseFigures {
  readonly committed: string;
  readonly invoiced: string;
  readonly paid: string;
}

/** Costs other than grants and purchases paid to the provider (hired staff, operating, ...), by kind. */
export interface ProviderExpenses extends ProviderExpenseFigures {
  /** The kinds of expense the provider had in the year, in the ledger's order of kinds; they add up to the figures above. */
  readonly byKind: Readonly<Partial<Record<ExpenseKind, ProviderExpenseFigures>>>;
}

export interface ProviderSpend extends AnswerCut {
  readonly partyId: string;
  /** The narrowing asked for: one buyer's budgets, or one budget; null for everyone's. */
  readonly buyerPartyId: string | null;
  readonly budgetId: string | null;
  readonly name: string | null;
  readonly kind: string | null;
  readonly years: readonly ProviderYear[];
  readonly evidence?: Record<string, unknown>;
}

export interface ProviderFilter {
  readonly year?: number;
  /** Only what this party bought: spending charged to budgets it owns, contracts it awarded. */
  readonly buyer?: string;
  /** Only spending charged to this budget. */
  readonly budget?: string;
  readonly explain?: boolean;
}

export function providerSpend(reader: LedgerReader, partyId: string, cut: Cut, options: ProviderFilter = {}): ProviderSpend | undefined {
  const party = reader.party(partyId, cut);
  if (!party) return undefined;
  const charged = chargedTo(reader, cut, options);
  const rows = reader.scopeRows('party', partyId, cut).filter((r) => isSpendingKind(r.group.kind) && charged(String(r.group.budget_id)));
  const contracts = contractsOf(reader, partyId, cut).filter((c) => options.buyer === undefined || c.buyerPartyId === options.buyer);
  const years = new Set<number>();
  for (const contract of contracts) {
    if (options.budget !== undefined) continue;
    for (let y = yearOf(contract.termStart); y <= yearOf(contract.termEnd); y += 1) years.add(y);
  }
  for (const row of rows) years.add(Number(row.group.year));
  const wanted = [...years].filter((y) => y > 0 && (options.year === undefined || y === options.year)).sort((a, b) => a - b);
  return {
    partyId,
    name: party.name,
    kind: party.kind,
    buyerPartyId: options.buyer ?? null,
    budgetId: options.budget ?? null,
    years: wanted.map((year) => yearAnswer(year, rows, contracts, options.budget !== undefined)),
    ...answerCut(cut),
    ...(options.explain ? { evidence: providerEvidence(reader, partyId, contracts, wanted, cut, charged) } : {}),
  };
}

/** Whether spending charged to a budget is in the narrowing asked for. */
function chargedTo(reader: LedgerReader, cut: Cut, options: ProviderFilter): (budgetId: string) => boolean {
  if (options.budget !== undefined) return (budgetId) => budgetId === options.budget;
  if (options.buyer === undefined) return () => true;
  const owned = new Set(reader.budgets(cut).filter((b) => b.ownerPartyId === options.buyer).map((b) => b.budgetId));
  return (budgetId) => owned.has(budgetId);
}

/** The contracts awarded to the party that the cut sees. */
function contractsOf(reader: LedgerReader, partyId: string, cut: Cut): ContractHeader[] {
  return reader
    .unitsOf('contract', cut)
    .flatMap((u) => (u.kind === 'contract' && u.state.opened && u.state.supplierPartyId === partyId ? [u.state] : []))
    .sort((a, b) => (a.contractId < b.contractId ? -1 : 1));
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

function yearAnswer(year: number, rows: readonly ScopeRow[], contracts: readonly ContractHeader[], calledOffOnly: boolean): ProviderYear {
  const inYear = rows.filter((r) => r.group.year === year);
  const [orders, grants] = [sumRows(inYear.filter((r) => r.group.kind === 'purchase')).measures, sumRows(inYear.filter((r) => r.group.kind === 'grant')).measures];
  const calledOff = (contractId: string) => sumRows(inYear.filter((r) => r.group.contract_id === contractId)).measures.committedCents;
  const byUnit = unitsOf(inYear.filter((r) => r.group.kind === 'purchase'));
  const trajectories = byUnit.find((u) => u.unit === 'trajectory');
  return {
    year,
    contracts: contracts
      .filter((c) => (!calledOffOnly && yearOf(c.termStart) <= year && year <= yearOf(c.termEnd)) || calledOff(c.contractId) !== 0)
      .map((c) => contractAnswer(c, calledOff(c.contractId))),
    purchases: {
      count: orders.entities,
      cancelled: orders.cancelled,
      trajectories: trajectories?.quantity ?? 0,
      committed: money(orders.committedCents),
      averagePricePerTrajectory: trajectories?.averagePrice ?? null,
      byUnit,
      invoiced: money(orders.invoicedCents),
      paid: money(orders.realisedCents),
    },
    grants: {
      count: grants.entities,
      awarded: money(grants.orderedCents),
      paid: money(grants.realisedCents + grants.reclaimedCents),
      reclaimed: money(grants.reclaimedCents),
    },
    expenses: expensesOf(inYear.filter((r) => r.group.kind !== 'grant' && r.group.kind !== 'purchase')),
  };
}

/** Orders by the unit they count in; orders recorded before units were named count trajectories. */
function unitsOf(rows: readonly ScopeRow[]): ProviderUnit[] {
  const byUnit = new Map<PurchaseUnit, ScopeRow[]>();
  for (const row of rows) {
    const unit = (row.group.unit || 'trajectory') as PurchaseUnit;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), row]);
  }
  return [...byUnit]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([unit, unitRows]) => {
      const m = sumRows(unitRows).measures;
      const average = divideCents(m.unitsCommittedCents, m.units);
      return { unit, orders: m.entities, quantity: m.units, committed: money(m.committedCents), averagePrice: average === undefined ? null : money(average) };
    })
    .filter((u) => u.orders !== 0 || u.quantity !== 0 || u.committed !== '0.00');
}

function expensesOf(rows: readonly ScopeRow[]): ProviderExpenses {
  const figures = (m: Record<Measure, number>): ProviderExpenseFigures => ({ committed: money(m.committedCents), invoiced: money(m.invoicedCents), paid: money(m.realisedCents) });
  const kinds = EXPENSE_KINDS.filter((kind) => rows.some((r) => r.group.kind === kind));
  const byKind = Object.fromEntries(kinds.map((kind) => [kind, figures(sumRows(rows.filter((r) => r.group.kind === kind)).measures)]));
  return { ...figures(sumRows(rows).measures), byKind };
}

function contractAnswer(contract: ContractHeader, calledOffCents: number): ProviderContract {
  return {
    contractId: contract.contractId,
    procurementId: contract.procurementId,
    buyerPartyId: contract.buyerPartyId,
    procedure: contract.procedure,
    ceiling: money(contract.ceilingCents),
    awardedCeiling: money(contract.awardedCeilingCents),
    termStart: contract.termStart,
    termEnd: contract.termEnd,
    optionMonths: contract.optionMonths,
    awardedOn: contract.awardedOn,
    endedOn: contract.endedOn,
    calledOff: money(calledOffCents),
  };
}

const FIGURES: readonly [string, (kind: string) => boolean, readonly Measure[]][] = [
  ['purchases', (kind) => kind === 'purchase', ['entities', 'cancelled', 'committedCents']],
  ['invoiced', (kind) => kind === 'purchase', ['invoicedCents']],
  ['paid', (kind) => kind === 'purchase', ['realisedCents']],
  ['grants.awarded', (kind) => kind === 'grant', ['entities']],
  ['grants.paid', (kind) => kind === 'grant', ['realisedCents', 'reclaimedCents']],
  ['expenses.committed', (kind) => isSpendingKind(kind) && kind !== 'grant' && kind !== 'purchase', ['committedCents']],
  ['expenses.paid', (kind) => isSpendingKind(kind) && kind !== 'grant' && kind !== 'purchase', ['realisedCents']],
];

function providerEvidence(
  reader: LedgerReader,
  partyId: string,
  contracts: readonly ContractHeader[],
  years: readonly number[],
  cut: Cut,
  charged: (budgetId: string) => boolean,
): Record<string, unknown> {
  const evidence = new Evidence(reader, cut);
  const movements = reader.movementsAt('party', partyId, cut).filter((m) => charged(m.dims.budgetId ?? ''));
  for (const year of years) {
    for (const contract of contracts) {
      if (yearOf(contract.termStart) <= year && year <= yearOf(contract.termEnd)) evidence.add(`${year}.contracts`, contract.basis);
    }
    for (const [figure, ofKind, measures] of FIGURES) {
      const inYear = movements.filter((m) => ofKind(m.dims.kind) && yearOf(m.date) === year);
      const positions = eventsMoving(inYear, measures);
      if (positions.length > 0) evidence.add(`${year}.${figure}`, positions);
    }
  }
  return evidence.toJSON();
}
