import type { ExpenseCharge, ExpenseKind, ExpensePeriod } from './expense.events';

/** What an expense is charged to and who is paid: given once, when the expense is opened. */
interface ExpenseOpening {
  readonly expenseId: string;
  readonly kind: ExpenseKind;
  readonly budgetId: string;
  readonly budgetLineId?: string;
  readonly programmeId?: string;
  readonly payeePartyId: string;
  /** What it is for, never who it is for. */
  readonly description: string;
  readonly amountCents: number;
  readonly period?: ExpensePeriod;
  readonly effectiveDate: string;
}

/** Commit to a cost (verplichting) that is invoiced and paid later: hired staff, a contract fee. */
export interface CommitExpense extends ExpenseOpening {
  readonly type: 'CommitExpense';
  /** The commitment's own id (a financial system's commitment line), so that a raise cannot count it again. */
  readonly commitmentId?: string;
}

/**
 * Commit more on an expense already committed (meerwerk, an extension, a later commitment line of
 * the same order). With `charge`, the expense must be charged so: an order is one expense.
 */
export interface RaiseExpenseCommitment {
  readonly type: 'RaiseExpenseCommitment';
  readonly expenseId: string;
  readonly commitmentId: string;
  readonly description: string;
  readonly amountCents: number;
  readonly effectiveDate: string;
  readonly charge?: ExpenseCharge;
}

/** Open an expense by booking a cost as it is incurred and paid at once (own salaries). */
export interface BookExpense extends ExpenseOpening {
  readonly type: 'BookExpense';
  readonly bookingId: string;
}

/** Another booking on an expense opened by booking (next month's salaries), charged as the first. */
export interface AddExpenseBooking {
  readonly type: 'AddExpenseBooking';
  readonly expenseId: string;
  readonly bookingId: string;
  readonly description: string;
  readonly amountCents: number;
  readonly period?: ExpensePeriod;
  readonly effectiveDate: string;
}

export interface InvoiceExpense {
  readonly type: 'InvoiceExpense';
  readonly expenseId: string;
  readonly invoiceId: string;
  readonly amountCents: number;
  readonly effectiveDate: string;
}

export interface PayExpense {
  readonly type: 'PayExpense';
  readonly expenseId: string;
  readonly paymentId: string;
  readonly amountCents: number;
  readonly effectiveDate: string;
}

export interface CancelExpense {
  readonly type: 'CancelExpense';
  readonly expenseId: string;
  readonly reason: string;
  readonly effectiveDate: string;
}

export type ExpenseCommand = CommitExpense | RaiseExpenseCommitment | BookExpense | AddExpenseBooking | InvoiceExpense | PayExpense | CancelExpense;
