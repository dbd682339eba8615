// Refused: an unknown budget, budget line, payee or programme; a zero or negative amount; personal
// data in a description; a wage-cost subsidy without a period, or paid to the budget's own owner
// (it goes to an employer, aggregated per employer and period, never to a person); a contribution
// to oneself; invoicing or booking on an expense that does not take it; raising a commitment that
// was booked or cancelled, by a commitment id already counted, or charged otherwise than asked. Recorded with a flag:
// invoices or payments above what was committed (an expense beyond its commitment).
import { accept, refuseWith, type Decision, type References, type Refusal } from '../shared/decider';
import {
  checkAmount, checkDate, checkExisting, checkId, checkOneOf, checkOptionalId, checkText, checkTotal, checkUnused,
  firstRefusal, referenced, refusal,
} from '../shared/checks';
import { FLAGS, flagged } from '../shared/flags';
import { streamId } from '../shared/ids';
import { asCents, formatMoney } from '../money/money';
import { withReversals } from '../reversal/with-reversals';
import { checkSpendingReferences } from '../budget/budget-charge';
import type { BudgetState } from '../budget/budget.state';
import type { AddExpenseBooking, BookExpense, CancelExpense, CommitExpense, ExpenseCommand, InvoiceExpense, PayExpense, RaiseExpenseCommitment } from './expense.commands';
import { EXPENSE_KINDS, type ExpenseCharge, type ExpenseEvent, type ExpenseKind, type ExpensePeriod } from './expense.events';
import { chargeOf, evolveExpense, expenseInitialState, type ExpenseState } from './expense.state';

/** Kinds paid to another party by their nature: never to the owner of the budget charged. */
const PAID_TO_ANOTHER: Readonly<Partial<Record<ExpenseKind, string>>> = {
  'wage-cost-subsidy': 'a wage-cost subsidy is paid to an employer',
  contribution: 'a contribution is paid to another party (a joint arrangement)',
};

export const expenseDecider = withReversals<ExpenseCommand, ExpenseEvent, ExpenseState>({
  category: 'expense',
  initialState: expenseInitialState,
  evolve: evolveExpense,
  references: (command) =>
    command.type === 'CommitExpense' || command.type === 'BookExpense'
      ? [
          streamId('budget', command.budgetId),
          streamId('party', command.payeePartyId),
          ...(command.programmeId ? [streamId('programme', command.programmeId)] : []),
        ]
      : [],
  decide: (command, state, references) => {
    switch (command.type) {
      case 'CommitExpense':
      case 'BookExpense':
        return open(command, state, references);
      case 'RaiseExpenseCommitment':
        return raise(command, state);
      case 'AddExpenseBooking':
        return book(command, state);
      case 'InvoiceExpense':
        return invoice(command, state);
      case 'PayExpense':
        return pay(command, state);
      case 'CancelExpense':
        return cancel(command, state);
      default:
        return refuseWith(refusal('invalid-value', `an expense does not take ${(command as { type: string }).type}`, 'type'));
    }
  },
});

function open(command: CommitExpense | BookExpense, state: ExpenseState, references: References): Decision<ExpenseEvent> {
  const invalid = firstRefusal(
    checkId(command.expenseId, 'expenseId'),
    command.type === 'BookExpense' ? checkId(command.bookingId, 'bookingId') : checkOptionalId(command.commitmentId, 'commitmentId'),
    checkOneOf(command.kind, EXPENSE_KINDS, 'kind'),
    checkId(command.budgetId, 'budgetId'),
    checkOptionalId(command.budgetLineId, 'budgetLineId'),
    checkOptionalId(command.programmeId, 'programmeId'),
    checkId(command.payeePartyId, 'payeePartyId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents'),
    checkText(command.description, 'description'),
    checkPeriod(command.period, command.kind),
  );
  if (invalid) return refuseWith(invalid);
  if (state.exists) return refuseWith(refusal('already-exists', `expense ${command.expenseId} was already recorded`, 'expenseId'));
  const missing = firstRefusal(
    checkSpendingReferences(command, { field: 'payeePartyId', id: command.payeePartyId }, references),
    checkPayee(command, references),
  );
  if (missing) return refuseWith(missing);
  const { expenseId, description, period, effectiveDate } = command;
  const data = { expenseId, ...chargeOf(command), description, amountCents: asCents(command.amountCents), ...periodOf(period), effectiveDate };
  if (command.type === 'CommitExpense') {
    return accept([{ type: 'ExpenseCommitted', data: { ...data, ...(command.commitmentId ? { commitmentId: command.commitmentId } : {}) } }]);
  }
  return accept([{ type: 'ExpenseBooked', data: { ...data, bookingId: command.bookingId } }]);
}

/** A period is from and to a date, in order; a wage-cost subsidy is always counted per period. */
function checkPeriod(period: ExpensePeriod | undefined, kind: ExpenseKind): Refusal | undefined {
  if (period === undefined) {
    return kind === 'wage-cost-subsidy'
      ? refusal('invalid-value', 'a wage-cost subsidy names the period it covers (aggregated per employer and period)', 'period')
      : undefined;
  }
  if (typeof period !== 'object' || period === null) return refusal('invalid-value', 'period must have a from and a to date', 'period');
  const invalid = firstRefusal(checkDate(period.from, 'period.from'), checkDate(period.to, 'period.to'));
  if (invalid) return invalid;
  return period.from <= period.to ? undefined : refusal('invalid-value', 'period.from must not be after period.to', 'period');
}

function checkPayee(command: CommitExpense | BookExpense, references: References): Refusal | undefined {
  const why = PAID_TO_ANOTHER[command.kind];
  const budget = referenced<BudgetState>(references, streamId('budget', command.budgetId));
  if (why === undefined || budget?.ownerPartyId !== command.payeePartyId) return undefined;
  return refusal('invalid-value', `${why}, not to ${command.payeePartyId}, which owns budget ${command.budgetId}`, 'payeePartyId');
}

function book(command: AddExpenseBooking, state: ExpenseState): Decision<ExpenseEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.expenseId, command.expenseId, 'expenseId'),
    checkId(command.bookingId, 'bookingId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents'),
    checkText(command.description, 'description'),
    state.charge ? checkPeriod(command.period, state.charge.kind) : undefined,
    checkUnused(state.bookingIds, command.bookingId, 'bookingId'),
    checkTotal(state.committedCents + command.amountCents, 'bookings'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.opening !== 'booked') {
    return refuseWith(refusal('invalid-state', 'the expense was committed: it is invoiced and paid, not booked'));
  }
  const { expenseId, bookingId, description, period, effectiveDate } = command;
  const data = { expenseId, ...state.charge!, bookingId, description, amountCents: asCents(command.amountCents), ...periodOf(period), effectiveDate };
  return accept([{ type: 'ExpenseBooked', data }]);
}

function raise(command: RaiseExpenseCommitment, state: ExpenseState): Decision<ExpenseEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.expenseId, command.expenseId, 'expenseId'),
    checkId(command.commitmentId, 'commitmentId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents'),
    checkText(command.description, 'description'),
    checkUnused(state.commitmentIds, command.commitmentId, 'commitmentId'),
    checkTotal(state.committedCents + command.amountCents, 'commitments'),
  );
  if (invalid) return refuseWith(invalid);
  const wrongState = checkCommitted(state) ?? (state.cancelled ? refusal('invalid-state', 'the expense was cancelled: nothing more is committed on it') : undefined);
  if (wrongState) return refuseWith(wrongState);
  if (command.charge && !sameCharge(chargeOf(command.charge), state.charge!)) {
    return refuseWith(refusal('invalid-value', `expense ${command.expenseId} is charged to another budget, allocation line, programme, payee or kind: an order is one expense`, 'charge'));
  }
  const { expenseId, commitmentId, description, effectiveDate } = command;
  return accept([{ type: 'ExpenseCommitmentRaised', data: { expenseId, commitmentId, ...state.charge!, description, amountCents: asCents(command.amountCents), effectiveDate } }]);
}

function sameCharge(a: ExpenseCharge, b: ExpenseCharge): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The period as the event keeps it: only its two dates. */
function periodOf(period: ExpensePeriod | undefined): { period?: ExpensePeriod } {
  return period ? { period: { from: period.from, to: period.to } } : {};
}

/** Invoices and payments follow a commitment; a booking was paid when it was booked. */
function checkCommitted(state: ExpenseState): Refusal | undefined {
  if (state.opening === 'committed') return undefined;
  return refusal('invalid-state', 'the expense was booked, and a booking is paid as it is booked: add a booking instead');
}

function invoice(command: InvoiceExpense, state: ExpenseState): Decision<ExpenseEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.expenseId, command.expenseId, 'expenseId'),
    checkId(command.invoiceId, 'invoiceId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents'),
    checkUnused(state.invoiceIds, command.invoiceId, 'invoiceId'),
    checkTotal(state.invoicedCents + command.amountCents, 'invoices'),
  );
  if (invalid) return refuseWith(invalid);
  const wrongState = checkCommitted(state);
  if (wrongState) return refuseWith(wrongState);
  if (state.cancelled) return refuseWith(refusal('invalid-state', 'the expense was cancelled: nothing more is invoiced on it'));
  const { expenseId, invoiceId, effectiveDate } = command;
  const amountCents = asCents(command.amountCents);
  const data = flagged({ expenseId, invoiceId, ...state.charge!, amountCents, effectiveDate }, [
    state.invoicedCents + amountCents > state.committedCents && FLAGS.invoicedAboveCommitted,
  ]);
  return accept([{ type: 'ExpenseInvoiced', data }]);
}

function pay(command: PayExpense, state: ExpenseState): Decision<ExpenseEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.expenseId, command.expenseId, 'expenseId'),
    checkId(command.paymentId, 'paymentId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents'),
    checkUnused(state.paymentIds, command.paymentId, 'paymentId'),
    checkTotal(state.paidCents + command.amountCents, 'payments'),
  );
  if (invalid) return refuseWith(invalid);
  const wrongState = checkCommitted(state);
  if (wrongState) return refuseWith(wrongState);
  const paidAfter = state.paidCents + command.amountCents;
  // After cancellation only invoices received before it are still paid, as for a purchase.
  if (state.cancelled && paidAfter > state.invoicedCents) return refuseWith(payableAfterCancellation(state));
  const { expenseId, paymentId, effectiveDate } = command;
  const amountCents = asCents(command.amountCents);
  // Not flagged when paid above what was invoiced: many expenses (a contribution, a subsidy) are
  // paid on a decision, with no invoice at all.
  const data = flagged({ expenseId, paymentId, ...state.charge!, amountCents, effectiveDate }, [paidAfter > state.committedCents && FLAGS.paidAboveCommitted]);
  return accept([{ type: 'ExpensePaid', data }]);
}

function payableAfterCancellation(state: ExpenseState): Refusal {
  const unpaidCents = state.invoicedCents - state.paidCents;
  const invoiced = formatMoney(state.invoicedCents);
  if (unpaidCents <= 0) {
    return refusal('invalid-state', `the expense was cancelled, and all that was invoiced on it (${invoiced}) is paid: nothing more is payable`);
  }
  return refusal('invalid-state', `the expense was cancelled: of what was invoiced on it (${invoiced}), ${formatMoney(unpaidCents)} is still payable`);
}

function cancel(command: CancelExpense, state: ExpenseState): Decision<ExpenseEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.expenseId, command.expenseId, 'expenseId'),
    checkDate(command.effectiveDate),
    checkText(command.reason, 'reason'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.opening === 'booked') {
    return refuseWith(refusal('invalid-state', 'the expense was booked and so paid: nothing is left to cancel (reverse a booking that was wrong)'));
  }
  if (state.cancelled) return refuseWith(refusal('invalid-state', 'the expense was already cancelled'));
  const { expenseId, reason, effectiveDate } = command;
  return accept([{ type: 'ExpenseCancelled', data: { expenseId, reason, effectiveDate } }]);
}
