// A grant, a purchase or an expense as the read models count it, folded from its visible events in
// business order. Most of its figures are each event's own amount (a payment is realised, an
// invoice invoiced); the rest depend on the whole entity (committed is the larger of what was
// awarded, ordered or committed and what was paid; a settlement replaces the grant's amount; a
// cancellation ends the order). The first kind is summed event by event; the second is re-derived
// from the state.
import type { ExpenseKind, PurchaseUnit } from '@geldstroom/ledger';
import type { FactOf, LedgerFact } from '../model/ledger-fact';
import type { Dims, Measures, SpendingKind } from '../model/movement';

/** What the entity is: its stream's category. An expense's kind of cost is in `kind`. */
export type SpendingCategory = 'grant' | 'purchase' | 'expense';

export interface SpendingState {
  readonly category: SpendingCategory;
  /** What the money is spent on: a grant, a purchase, or the expense's kind of cost. */
  readonly kind: SpendingKind;
  /** The award, the order or the commitment (or a booking) is visible. */
  readonly opened: boolean;
  readonly openedOn: string | null;
  readonly budgetId: string | null;
  readonly lineId: string | null;
  readonly programmeId: string | null;
  /** The recipient of a grant, the supplier of a purchase, the payee of an expense. */
  readonly partyId: string | null;
  readonly contractId: string | null;
  /** What a purchase counts (trajectories, hours, ...). */
  readonly unit: PurchaseUnit | null;
  /** Granted amount, count × unit price, committed amount, plus what was booked directly. */
  readonly amountCents: number;
  readonly settledCents: number | null;
  readonly units: number;
  /** Net of reclaims. */
  readonly paidCents: number;
  /** Invoiced on a purchase or an expense (a booking is invoiced as it is booked). */
  readonly invoicedCents: number;
  /** Withdrawn (grant) or cancelled (purchase, expense). */
  readonly closed: boolean;
  /** The award or order's position, and payments folded before it (money paid before committed). */
  readonly openedAt: number | null;
  readonly paidBeforeOpened: readonly number[];
}

export type SpendingFact = FactOf<
  | 'GrantAwarded'
  | 'GrantAdvancePaid'
  | 'GrantSettled'
  | 'GrantReclaimed'
  | 'GrantWithdrawn'
  | 'TrajectoriesPurchased'
  | 'PurchaseInvoiced'
  | 'PurchasePaid'
  | 'PurchaseCancelled'
  | 'ExpenseCommitted'
  | 'ExpenseCommitmentRaised'
  | 'ExpenseInvoiced'
  | 'ExpensePaid'
  | 'ExpenseBooked'
  | 'ExpenseCancelled'
>;

export function initialSpending(category: SpendingCategory): SpendingState {
  return {
    category,
    kind: category === 'expense' ? 'other' : category,
    opened: false,
    openedOn: null,
    budgetId: null,
    lineId: null,
    programmeId: null,
    partyId: null,
    contractId: null,
    unit: null,
    amountCents: 0,
    settledCents: null,
    units: 0,
    paidCents: 0,
    invoicedCents: 0,
    closed: false,
    openedAt: null,
    paidBeforeOpened: [],
  };
}

interface ChargeData {
  readonly kind?: ExpenseKind;
  readonly budgetId?: string;
  readonly budgetLineId?: string;
  readonly programmeId?: string;
  readonly recipientPartyId?: string;
  readonly supplierPartyId?: string;
  readonly payeePartyId?: string;
  readonly contractId?: string;
}

/** Events after the first repeat the charge, so an entity seen first by a payment is placed. */
function charged(state: SpendingState, fact: SpendingFact): SpendingState {
  const data = fact.data as ChargeData;
  return {
    ...state,
    kind: state.category === 'expense' && state.kind === 'other' && data.kind ? data.kind : state.kind,
    budgetId: state.budgetId ?? data.budgetId ?? null,
    lineId: state.lineId ?? data.budgetLineId ?? null,
    programmeId: state.programmeId ?? data.programmeId ?? null,
    partyId: state.partyId ?? data.recipientPartyId ?? data.supplierPartyId ?? data.payeePartyId ?? null,
    contractId: state.contractId ?? data.contractId ?? null,
  };
}

function opened(state: SpendingState, fact: SpendingFact, amountCents: number): SpendingState {
  return { ...state, opened: true, openedOn: state.openedOn ?? fact.effectiveDate, openedAt: state.openedAt ?? fact.position, amountCents };
}

function paid(state: SpendingState, fact: SpendingFact, amountCents: number): SpendingState {
  const early = state.opened ? state.paidBeforeOpened : [...state.paidBeforeOpened, fact.position];
  return { ...state, paidCents: state.paidCents + amountCents, paidBeforeOpened: early };
}

export function evolveSpending(before: SpendingState, fact: SpendingFact): SpendingState {
  const state = charged(before, fact);
  switch (fact.type) {
    case 'GrantAwarded':
      return opened(state, fact, fact.data.amountCents);
    case 'ExpenseCommitted':
    case 'ExpenseCommitmentRaised':
      // An order's commitment is the sum of its commitments, each from its own date: the order is
      // open from the earliest (a financial system's order lines commit or raise by file order).
      return opened(state, fact, state.amountCents + fact.data.amountCents);
    case 'TrajectoriesPurchased':
      return { ...opened(state, fact, fact.data.totalCents), units: fact.data.count, unit: fact.data.unit ?? 'trajectory' };
    case 'ExpenseBooked':
      // Booked as incurred: committed and paid at once.
      return {
        ...opened(state, fact, state.amountCents + fact.data.amountCents),
        paidCents: state.paidCents + fact.data.amountCents,
        invoicedCents: state.invoicedCents + fact.data.amountCents,
      };
    case 'GrantSettled':
      return { ...state, settledCents: fact.data.settledAmountCents };
    case 'GrantAdvancePaid':
    case 'PurchasePaid':
    case 'ExpensePaid':
      return paid(state, fact, fact.data.amountCents);
    case 'GrantReclaimed':
      return { ...state, paidCents: state.paidCents - fact.data.amountCents };
    case 'GrantWithdrawn':
    case 'PurchaseCancelled':
    case 'ExpenseCancelled':
      return { ...state, closed: true };
    case 'PurchaseInvoiced':
    case 'ExpenseInvoiced':
      return { ...state, invoicedCents: state.invoicedCents + fact.data.amountCents };
  }
}

/**
 * What the entity commits (verplichting): a grant its settled amount once settled, only what stays
 * paid once withdrawn; a purchase or an expense its amount until cancelled, then what was invoiced
 * before the cancellation (still payable: the decider takes payments up to it) or paid, whichever
 * is more. Never less than what was paid.
 */
export function committedCents(state: SpendingState): number {
  if (state.category === 'grant') {
    return state.closed ? Math.max(state.paidCents, 0) : Math.max(state.settledCents ?? state.amountCents, state.paidCents);
  }
  return state.closed ? Math.max(state.invoicedCents, state.paidCents) : Math.max(state.amountCents, state.paidCents);
}

/** The figures that depend on the whole entity. */
export function entityMeasures(state: SpendingState): Measures {
  const counted = state.opened ? 1 : 0;
  const committed = committedCents(state);
  // What the units counted cost: a cancelled order counts no units, so what it still commits
  // (invoiced or paid before the cancellation) is left out of the price per unit too.
  const countsUnits = state.category === 'purchase' && !state.closed ? counted : 0;
  return {
    committedCents: committed,
    orderedCents: counted * state.amountCents,
    settledCents: state.settledCents ?? 0,
    entities: counted,
    cancelled: state.closed ? counted : 0,
    units: countsUnits * state.units,
    unitsCommittedCents: countsUnits * committed,
  };
}

/** The figures that are the event's own amount. */
export function eventMeasures(fact: SpendingFact): Measures {
  switch (fact.type) {
    case 'GrantAdvancePaid':
    case 'PurchasePaid':
    case 'ExpensePaid':
    case 'ExpenseBooked':
      return { realisedCents: fact.data.amountCents };
    case 'GrantReclaimed':
      return { realisedCents: -fact.data.amountCents, reclaimedCents: fact.data.amountCents };
    case 'PurchaseInvoiced':
    case 'ExpenseInvoiced':
      return { invoicedCents: fact.data.amountCents };
    case 'GrantAwarded':
    case 'TrajectoriesPurchased':
    case 'GrantSettled':
    case 'GrantWithdrawn':
    case 'PurchaseCancelled':
    case 'ExpenseCommitted':
    case 'ExpenseCommitmentRaised':
    case 'ExpenseCancelled':
      return {};
  }
}

export function spendingDims(state: SpendingState): Dims {
  return {
    kind: state.kind,
    budgetId: state.budgetId,
    lineId: state.lineId,
    programmeId: state.programmeId,
    partyId: state.partyId,
    contractId: state.contractId,
    counterBudgetId: null,
    unit: state.unit,
  };
}

export function isSpendingFact(fact: LedgerFact): fact is SpendingFact {
  return fact.streamId.startsWith('grant-') || fact.streamId.startsWith('purchase-') || fact.streamId.startsWith('expense-');
}
