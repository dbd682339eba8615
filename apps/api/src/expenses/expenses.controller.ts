import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityIdParam } from '../shared/entity-id.param';
import { BOOK_EXPENSE, CANCEL_EXPENSE, INVOICE_EXPENSE, PAY_EXPENSE, RAISE_EXPENSE_COMMITMENT, RECORD_EXPENSE } from '@geldstroom/application/commands/own-costs.kinds';
import { CommandMeta, CommandResponse, dispatch, type HttpCommandMeta } from '../write/command-request';
import { BookExpenseDto, CancelExpenseDto, ExpensePeriodDto, InvoiceExpenseDto, PayExpenseDto, RaiseExpenseCommitmentDto, RecordExpenseDto } from '@geldstroom/application/commands/expenses.dto';

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
    return dispatch(this.bus, meta, RECORD_EXPENSE.toDispatch(dto, ''));
  }

  @Post(':id/bookings')
  @ApiOperation({ summary: 'Book another cost on an expense opened by booking, e.g. next month’s salaries (ExpenseBooked)' })
  book(@EntityIdParam() id: string, @Body() dto: BookExpenseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, BOOK_EXPENSE.toDispatch(dto, id));
  }

  @Post(':id/commitments')
  @ApiOperation({ summary: 'Commit more on a committed expense: meerwerk, an extension, a later commitment line of the same order (ExpenseCommitmentRaised)' })
  raise(@EntityIdParam() id: string, @Body() dto: RaiseExpenseCommitmentDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, RAISE_EXPENSE_COMMITMENT.toDispatch(dto, id));
  }

  @Post(':id/invoices')
  @ApiOperation({ summary: 'Record an invoice for a committed expense (ExpenseInvoiced)' })
  invoice(@EntityIdParam() id: string, @Body() dto: InvoiceExpenseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, INVOICE_EXPENSE.toDispatch(dto, id));
  }

  @Post(':id/payments')
  @ApiOperation({ summary: 'Record a payment for a committed expense (ExpensePaid)' })
  pay(@EntityIdParam() id: string, @Body() dto: PayExpenseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, PAY_EXPENSE.toDispatch(dto, id));
  }

  @Post(':id/cancellation')
  @ApiOperation({ summary: 'Cancel a committed expense: what is not yet paid is no longer committed (ExpenseCancelled)' })
  cancel(@EntityIdParam() id: string, @Body() dto: CancelExpenseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, CANCEL_EXPENSE.toDispatch(dto, id));
  }
}
