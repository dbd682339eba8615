import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ExpensePeriod } from '@geldstroom/ledger';
import { EntityIdParam } from '../shared/entity-id.param';
import { toCents } from '../shared/money';
import { CommandMeta, CommandResponse, dispatchCreate, dispatchOn, type HttpCommandMeta } from '../write/command-request';
import { BookExpenseDto, CancelExpenseDto, ExpensePeriodDto, InvoiceExpenseDto, PayExpenseDto, RecordExpenseDto } from './expenses.dto';

@ApiTags('expenses')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/expenses')
export class ExpensesController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({
    summary: 'Commit an expense (ExpenseCommitted), or with a bookingId book it as incurred and paid at once (ExpenseBooked)',
  })
  record(@Body() dto: RecordExpenseDto, @CommandMeta() meta: HttpCommandMeta) {
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
    const command = dto.bookingId ? { type: 'BookExpense' as const, ...opening, bookingId: dto.bookingId } : { type: 'CommitExpense' as const, ...opening };
    return dispatchCreate(this.bus, meta, 'expense', dto.expenseId, dto, command);
  }

  @Post(':id/bookings')
  @ApiOperation({ summary: 'Book another cost on an expense opened by booking, e.g. next month’s salaries (ExpenseBooked)' })
  book(@EntityIdParam() id: string, @Body() dto: BookExpenseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'expense', id, dto.bookingId, dto, {
      type: 'AddExpenseBooking',
      expenseId: id,
      bookingId: dto.bookingId,
      description: dto.description,
      amountCents: toCents(dto.amount),
      ...periodOf(dto.period),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/invoices')
  @ApiOperation({ summary: 'Record an invoice for a committed expense (ExpenseInvoiced)' })
  invoice(@EntityIdParam() id: string, @Body() dto: InvoiceExpenseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'expense', id, dto.invoiceId, dto, {
      type: 'InvoiceExpense',
      expenseId: id,
      invoiceId: dto.invoiceId,
      amountCents: toCents(dto.amount),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/payments')
  @ApiOperation({ summary: 'Record a payment for a committed expense (ExpensePaid)' })
  pay(@EntityIdParam() id: string, @Body() dto: PayExpenseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'expense', id, dto.paymentId, dto, {
      type: 'PayExpense',
      expenseId: id,
      paymentId: dto.paymentId,
      amountCents: toCents(dto.amount),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/cancellation')
  @ApiOperation({ summary: 'Cancel a committed expense: what is not yet paid is no longer committed (ExpenseCancelled)' })
  cancel(@EntityIdParam() id: string, @Body() dto: CancelExpenseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'expense', id, 'cancel', dto, {
      type: 'CancelExpense',
      expenseId: id,
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    });
  }
}

function periodOf(period: ExpensePeriodDto | undefined): { period?: ExpensePeriod } {
  return period ? { period: { from: period.from, to: period.to } } : {};
}
