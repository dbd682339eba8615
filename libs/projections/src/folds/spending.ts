// A grant or a purchase as the read models count it, folded from its visible events in business
// order. Most of its figures are each event's own amount (a payment is realised, an invoice
// invoiced); the rest depend on the whole entity (committed is the larger of what was awarded or
// ordered and what was paid; a settlement replaces the grant's amount; a cancellation ends the
// order). The first kind is summed event by event; the second is re-derived from the state.
import type { FactOf, LedgerFact } from '../model/ledger-fact';
import type { Dims, Measures, SpendingKind } from '../model/movement';

export interface SpendingState {
  readonly kind: SpendingKind;
  /** The award or the order is visible. */
  readonly opened: boolean;
  readonly openedOn: string | null;
  readonly budgetId: string | null;
  readonly lineId: string | null;
  readonly programmeId: string | null;
  /** The recipient of a grant, the supplier of a purchase. */
  readonly partyId: string | null;
  readonly contractId: string | null;
  /** Granted amount, or count × unit price. */
  readonly amountCents: number;
  readonly settledCents: number | null;
  readonly units: number;
  /** Net of reclaims. */
  readonly paidCents: number;
  /** Withdrawn (grant) or cancelled (purchase). */
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
>;

export function initialSpending(kind: SpendingKind): SpendingState {
  return {
    kind,
    opened: false,
    openedOn: null,
    budgetId: null,
    lineId: null,
    programmeId: null,
    partyId: null,
    contractId: null,
    amountCents: 0,
    settledCents: null,
    units: 0,
    paidCents: 0,
    closed: false,
    openedAt: null,
    paidBeforeOpened: [],
  };
}

/** Events after the first repeat the charge, so an entity seen first by a payment is placed. */
function charged(state: SpendingState, fact: SpendingFact): SpendingState {
  const data = fact.data as { budgetId?: string; budgetLineId?: string; programmeId?: string; recipientPartyId?: string; supplierPartyId?: string; contractId?: string };
  return {
    ...state,
    budgetId: state.budgetId ?? data.budgetId ?? null,
    lineId: state.lineId ?? data.budgetLineId ?? null,
    programmeId: state.programmeId ?? data.programmeId ?? null,
    partyId: state.partyId ?? data.recipientPartyId ?? data.supplierPartyId ?? null,
    contractId: state.contractId ?? data.contractId ?? null,
  };
}

export function evolveSpending(before: SpendingState, fact: SpendingFact): SpendingState {
  const state = charged(before, fact);
  switch (fact.type) {
    case 'GrantAwarded':
      return { ...state, opened: true, openedOn: fact.effectiveDate, openedAt: fact.position, amountCents: fact.data.amountCents };
    case 'TrajectoriesPurchased':
      return { ...state, opened: true, openedOn: fact.effectiveDate, openedAt: fact.position, amountCents: fact.data.totalCents, units: fact.data.count };
    case 'GrantSettled':
      return { ...state, settledCents: fact.data.settledAmountCents };
    case 'GrantAdvancePaid':
    case 'PurchasePaid': {
      const early = state.opened ? state.paidBeforeOpened : [...state.paidBeforeOpened, fact.position];
      return { ...state, paidCents: state.paidCents + fact.data.amountCents, paidBeforeOpened: early };
    }
    case 'GrantReclaimed':
      return { ...state, paidCents: state.paidCents - fact.data.amountCents };
    case 'GrantWithdrawn':
    case 'PurchaseCancelled':
      return { ...state, closed: true };
    case 'PurchaseInvoiced':
      return state;
  }
}

/**
 * What the entity commits (verplichting): a grant its settled amount once settled, only what
 * stays paid once withdrawn; a purchase count × price until cancelled, then what was paid. Never
 * less than what was paid.
 */
export function committedCents(state: SpendingState): number {
  if (state.kind === 'grant') {
    return state.closed ? Math.max(state.paidCents, 0) : Math.max(state.settledCents ?? state.amountCents, state.paidCents);
  }
  return state.closed ? state.paidCents : Math.max(state.amountCents, state.paidCents);
}

/** The figures that depend on the whole entity. */
export function entityMeasures(state: SpendingState): Measures {
  const counted = state.opened ? 1 : 0;
  return {
    committedCents: committedCents(state),
    orderedCents: counted * state.amountCents,
    settledCents: state.settledCents ?? 0,
    entities: counted,
    cancelled: state.closed ? counted : 0,
    units: state.closed ? 0 : counted * state.units,
  };
}

/** The figures that are the event's own amount. */
export function eventMeasures(fact: SpendingFact): Measures {
  switch (fact.type) {
    case 'GrantAdvancePaid':
    case 'PurchasePaid':
      return { realisedCents: fact.data.amountCents };
    case 'GrantReclaimed':
      return { realisedCents: -fact.data.amountCents, reclaimedCents: fact.data.amountCents };
    case 'PurchaseInvoiced':
      return { invoicedCents: fact.data.amountCents };
    case 'GrantAwarded':
    case 'TrajectoriesPurchased':
    case 'GrantSettled':
    case 'GrantWithdrawn':
    case 'PurchaseCancelled':
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
  };
}

export function isSpendingFact(fact: LedgerFact): fact is SpendingFact {
  switch (fact.type) {
    case 'GrantAwarded':
    case 'GrantAdvancePaid':
    case 'GrantSettled':
    case 'GrantReclaimed':
    case 'GrantWithdrawn':
    case 'TrajectoriesPurchased':
    case 'PurchaseInvoiced':
    case 'PurchasePaid':
    case 'PurchaseCancelled':
      return true;
    default:
      return false;
  }
}
