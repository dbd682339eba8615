// The expense's state folded from its live events.
import type { ExpenseCharge, ExpenseEvent } from './expense.events';

export interface ExpenseState {
  readonly exists: boolean;
  readonly expenseId?: string;
  readonly charge?: ExpenseCharge;
  /** Committed first and then invoiced and paid, or booked as incurred (paid at once). */
  readonly opening?: 'committed' | 'booked';
  /** The commitment, or the sum of the bookings. */
  readonly committedCents: number;
  readonly invoicedCents: number;
  readonly paidCents: number;
  readonly cancelled: boolean;
  readonly invoiceIds: readonly string[];
  readonly paymentIds: readonly string[];
  readonly bookingIds: readonly string[];
  /** The ids of the commitments that add up to committedCents (the opening's when it had one, and every raise). */
  readonly commitmentIds: readonly string[];
}

export const expenseInitialState = (): ExpenseState => ({
  exists: false,
  committedCents: 0,
  invoicedCents: 0,
  paidCents: 0,
  cancelled: false,
  invoiceIds: [],
  paymentIds: [],
  bookingIds: [],
  commitmentIds: [],
});

/** The charge as an event carries it, optional fields left out when absent. */
export function chargeOf(data: ExpenseCharge): ExpenseCharge {
  const { kind, budgetId, budgetLineId, programmeId, payeePartyId } = data;
  return {
    kind,
    budgetId,
    ...(budgetLineId ? { budgetLineId } : {}),
    ...(programmeId ? { programmeId } : {}),
    payeePartyId,
  };
}

export function evolveExpense(state: ExpenseState, event: ExpenseEvent): ExpenseState {
  switch (event.type) {
    case 'ExpenseCommitted': {
      const { expenseId, amountCents, commitmentId } = event.data;
      return { ...expenseInitialState(), exists: true, expenseId, charge: chargeOf(event.data), opening: 'committed', committedCents: amountCents, commitmentIds: commitmentId ? [commitmentId] : [] };
    }
    case 'ExpenseCommitmentRaised':
      return { ...state, committedCents: state.committedCents + event.data.amountCents, commitmentIds: [...state.commitmentIds, event.data.commitmentId] };
    case 'ExpenseBooked': {
      const { expenseId, bookingId, amountCents } = event.data;
      const opened = state.exists ? state : { ...expenseInitialState(), exists: true, expenseId, charge: chargeOf(event.data), opening: 'booked' as const };
      return {
        ...opened,
        committedCents: opened.committedCents + amountCents,
        paidCents: opened.paidCents + amountCents,
        bookingIds: [...opened.bookingIds, bookingId],
      };
    }
    case 'ExpenseInvoiced':
      return { ...state, invoicedCents: state.invoicedCents + event.data.amountCents, invoiceIds: [...state.invoiceIds, event.data.invoiceId] };
    case 'ExpensePaid':
      return { ...state, paidCents: state.paidCents + event.data.amountCents, paymentIds: [...state.paymentIds, event.data.paymentId] };
    case 'ExpenseCancelled':
      return { ...state, cancelled: true };
    default:
      return state;
  }
}
