// Expenses: every cost that is not a grant or a trajectory purchase. Own staff (apparaatskosten),
// hired staff (inhuur), operating costs, wage-cost subsidy to an employer (aggregated per employer
// and period, never per person), a contribution to a joint arrangement whose budget the ledger does
// not hold, and other costs. Committed, then invoiced and paid; or booked directly where nothing is
// ordered first (own salaries). A commitment can be raised (more work ordered on the same order, a
// commitment line a financial system exports later). Every money event names what it is charged to.
import type { Cents } from '../money/money';
import type { DomainEvent } from '../shared/decider';
import type { Flag } from '../shared/flags';

export const EXPENSE_KINDS = ['personnel', 'hired-staff', 'operating', 'wage-cost-subsidy', 'contribution', 'other'] as const;
export type ExpenseKind = (typeof EXPENSE_KINDS)[number];

export const EXPENSE_EVENT_TYPES = ['ExpenseCommitted', 'ExpenseCommitmentRaised', 'ExpenseInvoiced', 'ExpensePaid', 'ExpenseBooked', 'ExpenseCancelled'] as const;

/** Where an expense's money comes from and goes to; copied onto every money event. */
export type ExpenseCharge = {
  readonly kind: ExpenseKind;
  readonly budgetId: string;
  readonly budgetLineId?: string;
  readonly programmeId?: string;
  /** Who is paid: a supplier, an employer, a joint arrangement; the party itself for own staff. */
  readonly payeePartyId: string;
};

/** The business period a cost covers, for costs counted per period (salaries, wage-cost subsidy). */
export type ExpensePeriod = { readonly from: string; readonly to: string };

export type ExpenseCommitted = DomainEvent<
  'ExpenseCommitted',
  ExpenseCharge & {
    readonly expenseId: string;
    /** The commitment's own id when the client gave one (a financial system's commitment line): a raise never reuses it. */
    readonly commitmentId?: string;
    /** What it is for, never who it is for. */
    readonly description: string;
    readonly amountCents: Cents;
    readonly period?: ExpensePeriod;
    readonly effectiveDate: string;
  }
>;

/** More committed on an expense already committed, charged as it is: the commitment is the sum. */
export type ExpenseCommitmentRaised = DomainEvent<
  'ExpenseCommitmentRaised',
  ExpenseCharge & {
    readonly expenseId: string;
    readonly commitmentId: string;
    readonly description: string;
    readonly amountCents: Cents;
    readonly effectiveDate: string;
  }
>;

export type ExpenseInvoiced = DomainEvent<
  'ExpenseInvoiced',
  ExpenseCharge & { readonly expenseId: string; readonly invoiceId: string; readonly amountCents: Cents; readonly effectiveDate: string; readonly flags?: Flag[] }
>;

export type ExpensePaid = DomainEvent<
  'ExpensePaid',
  ExpenseCharge & { readonly expenseId: string; readonly paymentId: string; readonly amountCents: Cents; readonly effectiveDate: string; readonly flags?: Flag[] }
>;

/** A cost booked as it is incurred and paid at once (own salaries): committed and realised together. */
export type ExpenseBooked = DomainEvent<
  'ExpenseBooked',
  ExpenseCharge & {
    readonly expenseId: string;
    readonly bookingId: string;
    readonly description: string;
    readonly amountCents: Cents;
    readonly period?: ExpensePeriod;
    readonly effectiveDate: string;
  }
>;

/** What is not yet paid is no longer committed. */
export type ExpenseCancelled = DomainEvent<'ExpenseCancelled', { readonly expenseId: string; readonly reason: string; readonly effectiveDate: string }>;

export type ExpenseEvent = ExpenseCommitted | ExpenseCommitmentRaised | ExpenseInvoiced | ExpensePaid | ExpenseBooked | ExpenseCancelled;
