// Expenses: every cost that is not a grant or a trajectory purchase, with its kind. Committed and
// then invoiced and paid (a commitment raised when more is ordered), or booked as incurred (own salaries).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { EXPENSE_KINDS, type ExpenseKind } from '@geldstroom/ledger';
import { CommandDto } from './command.dto';
import { EntityId, IsIsoDate, Money, OptionalEntityId, Text } from './validators';

export class ExpensePeriodDto {
  @ApiProperty({ description: 'First day the cost covers', example: '2024-01-01', format: 'date' })
  @IsIsoDate()
  from!: string;

  @ApiProperty({ description: 'Last day the cost covers', example: '2024-03-31', format: 'date' })
  @IsIsoDate()
  to!: string;
}

const periodDoc = (description: string) =>
  ApiPropertyOptional({ type: ExpensePeriodDto, description: `${description}; required for a wage-cost subsidy (aggregated per employer and period)` });

export class RecordExpenseDto extends CommandDto {
  @EntityId('Client-chosen id of the expense', 'inhuur-jobcoach-2024')
  expenseId!: string;

  @ApiProperty({
    enum: EXPENSE_KINDS,
    description:
      'personnel (own staff), hired-staff (inhuur), operating, wage-cost-subsidy (loonkostensubsidie, to an employer), ' +
      'contribution (bijdrage aan een verbonden partij), other',
    example: 'hired-staff',
  })
  @IsIn(EXPENSE_KINDS)
  kind!: ExpenseKind;

  @EntityId('The budget charged', 'heerlen-participatie-2024')
  budgetId!: string;

  @OptionalEntityId("The budget's allocation line the expense is charged to", 'inhuur')
  budgetLineId?: string;

  @OptionalEntityId('Programme the expense serves', 'pilot-werkvoorheerlen-2024')
  programmeId?: string;

  @EntityId('Who is paid: a supplier, an employer, a joint arrangement; the party itself for own staff', 'uitzendbureau-zuid')
  payeePartyId!: string;

  @Text('What the cost is for (never who it is for)', 'Inhuur jobcoach pilot, 2e halfjaar')
  description!: string;

  @Money('Amount in euros: the commitment, or the booking', '30000.00')
  amount!: string;

  @OptionalEntityId(
    'Books the cost directly, committed and paid at once (own salaries), under this booking id. Without it the cost is committed, to be invoiced and paid later.',
    'salarissen-2024-01',
  )
  bookingId?: string;

  @periodDoc('The period the cost covers')
  // IsObject: ValidateNested alone lets an array through.
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ExpensePeriodDto)
  period?: ExpensePeriodDto;
}

export class BookExpenseDto extends CommandDto {
  @EntityId('Client-chosen id of this booking', 'salarissen-2024-02')
  bookingId!: string;

  @Text('What the cost is for (never who it is for)', 'Salarissen team participatie, februari')
  description!: string;

  @Money('Amount booked in euros', '47166.67')
  amount!: string;

  @periodDoc('The period the booking covers')
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ExpensePeriodDto)
  period?: ExpensePeriodDto;
}

export class RaiseExpenseCommitmentDto extends CommandDto {
  @EntityId('Client-chosen id of this commitment (a raise is counted once by it)', 'meerwerk-2024-1')
  commitmentId!: string;

  @Text('What more is ordered (never who it is for)', 'Inhuur jobcoach verlengd tot eind december')
  description!: string;

  @Money('Amount in euros added to the commitment', '10000.00')
  amount!: string;
}

export class InvoiceExpenseDto extends CommandDto {
  @EntityId('Client-chosen id of the invoice', 'factuur-2024-118')
  invoiceId!: string;

  @Money('Invoiced amount in euros', '15000.00')
  amount!: string;
}

export class PayExpenseDto extends CommandDto {
  @EntityId('Client-chosen id of the payment', 'betaling-2024-118')
  paymentId!: string;

  @Money('Paid amount in euros', '15000.00')
  amount!: string;
}

export class CancelExpenseDto extends CommandDto {
  @OptionalEntityId('Client-chosen id of this cancellation; send a new one to cancel again after reversing a wrong one', 'annulering-1')
  cancellationId?: string;

  @Text('Why the expense is cancelled: what is not yet paid is no longer committed', 'Inhuur vervroegd beëindigd')
  reason!: string;
}
