// The kinds of own costs, corrections and reviews: expenses, reversals, reviews of findings.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { FINDING_ID_PATTERN, findingStreamId, type ExpensePeriod } from '@geldstroom/ledger';
import { ProblemException } from '../problem/problem';
import { DEFAULT_CANCELLATION_ID } from './command.dto';
import { commandKind, create, on } from './command-kind';
import { BookExpenseDto, CancelExpenseDto, InvoiceExpenseDto, PayExpenseDto, RaiseExpenseCommitmentDto, RecordExpenseDto, type ExpensePeriodDto } from './expenses.dto';
import { ReviewFindingDto } from './finding-reviews.dto';
import { toCents } from './money';
import { ReverseEntryDto } from './reversals.dto';
import { todayInTheNetherlands } from './today';

export const RECORD_EXPENSE = commandKind({
  kind: 'record-expense',
  path: '/v1/expenses',
  dto: RecordExpenseDto,
  toDispatch: (dto) => {
    const opening = {
      expenseId: dto.expenseId,
      kind: dto.kind,
      budgetId: dto.budgetId,
      ...(dto.budgetLineId ? { budgetLineId: dto.budgetLineId } : {}),
      ...(dto.programmeId ? { programmeId: dto.programmeId } : {}),
      payeePartyId: dto.payeePartyId,
      description: dto.description,
      amountCents: toCents(dto.amount),
      ...periodOf(dto.period),
      effectiveDate: dto.effectiveDate,
    };
    // With a booking id the cost is incurred and paid at once (own salaries); without, committed.
    const command = dto.bookingId ? { type: 'BookExpense' as const, ...opening, bookingId: dto.bookingId } : { type: 'CommitExpense' as const, ...opening };
    return create('expense', dto.expenseId, dto, command);
  },
});

export const BOOK_EXPENSE = commandKind({
  kind: 'book-expense',
  path: '/v1/expenses/:id/bookings',
  dto: BookExpenseDto,
  toDispatch: (dto, id) =>
    on('expense', id, dto.bookingId, dto, {
      type: 'AddExpenseBooking',
      expenseId: id,
      bookingId: dto.bookingId,
      description: dto.description,
      amountCents: toCents(dto.amount),
      ...periodOf(dto.period),
      effectiveDate: dto.effectiveDate,
    }),
});

export const RAISE_EXPENSE_COMMITMENT = commandKind({
  kind: 'raise-expense-commitment',
  path: '/v1/expenses/:id/commitments',
  dto: RaiseExpenseCommitmentDto,
  toDispatch: (dto, id) =>
    on('expense', id, dto.commitmentId, dto, {
      type: 'RaiseExpenseCommitment',
      expenseId: id,
      commitmentId: dto.commitmentId,
      description: dto.description,
      amountCents: toCents(dto.amount),
      effectiveDate: dto.effectiveDate,
    }),
});

export const INVOICE_EXPENSE = commandKind({
  kind: 'invoice-expense',
  path: '/v1/expenses/:id/invoices',
  dto: InvoiceExpenseDto,
  toDispatch: (dto, id) =>
    on('expense', id, dto.invoiceId, dto, { type: 'InvoiceExpense', expenseId: id, invoiceId: dto.invoiceId, amountCents: toCents(dto.amount), effectiveDate: dto.effectiveDate }),
});

export const PAY_EXPENSE = commandKind({
  kind: 'pay-expense',
  path: '/v1/expenses/:id/payments',
  dto: PayExpenseDto,
  toDispatch: (dto, id) =>
    on('expense', id, dto.paymentId, dto, { type: 'PayExpense', expenseId: id, paymentId: dto.paymentId, amountCents: toCents(dto.amount), effectiveDate: dto.effectiveDate }),
});

export const CANCEL_EXPENSE = commandKind({
  kind: 'cancel-expense',
  path: '/v1/expenses/:id/cancellation',
  dto: CancelExpenseDto,
  toDispatch: (dto, id) => on('expense', id, dto.cancellationId ?? DEFAULT_CANCELLATION_ID, dto, { type: 'CancelExpense', expenseId: id, reason: dto.reason, effectiveDate: dto.effectiveDate }),
});

export const REVERSE_ENTRY = commandKind({
  kind: 'reverse-entry',
  path: '/v1/reversals',
  dto: ReverseEntryDto,
  toDispatch: (dto) => {
    const separator = dto.streamId.indexOf('-');
    return on(dto.streamId.slice(0, separator), dto.streamId.slice(separator + 1), dto.reversalId, dto, {
      type: 'ReverseEntry',
      reversalId: dto.reversalId,
      eventId: dto.eventId.toLowerCase(),
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    });
  },
});

export const REVIEW_FINDING = commandKind({
  kind: 'review-finding',
  path: '/v1/findings/:id/reviews',
  dto: ReviewFindingDto,
  access: 'review',
  idPattern: FINDING_ID_PATTERN,
  check: async (findingId, lookups) => {
    if (!(await lookups.findingExists(findingId))) throw new ProblemException('not-found', `the ledger has no finding ${findingId}`);
  },
  toDispatch: (dto, findingId) => {
    const effectiveDate = dto.effectiveDate ?? todayInTheNetherlands();
    const reviewId = dto.reviewId ?? reviewIdOf(dto.state, dto.note, effectiveDate);
    return {
      entityId: findingId,
      streamId: findingStreamId(findingId),
      mustExist: false,
      idempotencyId: reviewId,
      source: dto.sourceReference !== undefined ? { sourceReference: dto.sourceReference } : {},
      command: { type: 'ReviewFinding', findingId, reviewId, state: dto.state, note: dto.note, effectiveDate },
    };
  },
});

function periodOf(period: ExpensePeriodDto | undefined): { period?: ExpensePeriod } {
  return period ? { period: { from: period.from, to: period.to } } : {};
}

/** The same review sent again (a retry) gets the same id, so it is recognised and written once. */
function reviewIdOf(state: string, note: string, effectiveDate: string): string {
  const content = canonicalize({ state, note, effectiveDate }) ?? '';
  return `review-${createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 24)}`;
}
