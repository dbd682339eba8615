// Trajectory purchases (inkoop trajecten): count × unit price, invoiced and paid.
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { CommandDto } from '../shared/command.dto';
import { EntityId, Money, OptionalEntityId, Text } from '../shared/validators';

export const TRAJECTORY_COUNT_MAX = 100_000;

export class PurchaseTrajectoriesDto extends CommandDto {
  @EntityId('Client-chosen id of the purchase', 'reha-trajecten-2024')
  purchaseId!: string;

  @EntityId('The budget charged', 'heerlen-maatwerk-reintegratie-2024')
  budgetId!: string;

  @EntityId('The supplier paid', 'reha')
  supplierPartyId!: string;

  @ApiProperty({ description: 'Number of trajectories', example: 10 })
  @IsInt() @Min(1) @Max(TRAJECTORY_COUNT_MAX)
  count!: number;

  @Money('Price per trajectory in euros', '3000.00')
  unitPrice!: string;

  @Text('Target group (a description: never a person)', 'Zeer grote afstand tot de arbeidsmarkt')
  targetGroup!: string;

  @OptionalEntityId('Contract the purchase is a call-off under', 'contract-reha-2024')
  contractId?: string;

  @OptionalEntityId('Programme the purchase serves', 'reha-trajecten-2024')
  programmeId?: string;

  @OptionalEntityId("The budget's allocation line the purchase is charged to", 'producten-reha')
  budgetLineId?: string;
}

export class InvoicePurchaseDto extends CommandDto {
  @EntityId('Client-chosen id of the invoice', 'factuur-2024-118')
  invoiceId!: string;

  @Money('Invoiced amount in euros', '15000.00')
  amount!: string;
}

export class PayPurchaseDto extends CommandDto {
  @EntityId('Client-chosen id of the payment', 'betaling-2024-118')
  paymentId!: string;

  @Money('Paid amount in euros', '15000.00')
  amount!: string;
}

export class CancelPurchaseDto extends CommandDto {
  @Text('Why the purchase is cancelled', 'Trajecten niet gestart')
  reason!: string;
}
