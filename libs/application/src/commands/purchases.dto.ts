// Purchases (inkoop trajecten, uren jobcoaching, ...): count × unit price, invoiced and paid.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PURCHASE_UNITS, type PurchaseUnit } from '@geldstroom/ledger';
import { CommandDto } from './command.dto';
import { EntityId, Money, OptionalEntityId, Text } from './validators';

export const TRAJECTORY_COUNT_MAX = 100_000;

export class PurchaseTrajectoriesDto extends CommandDto {
  @EntityId('Client-chosen id of the purchase', 'reha-trajecten-2024')
  purchaseId!: string;

  @EntityId('The budget charged', 'heerlen-maatwerk-reintegratie-2024')
  budgetId!: string;

  @EntityId('The supplier paid', 'reha')
  supplierPartyId!: string;

  @ApiProperty({ description: 'Number of units bought (trajectories unless `unit` says otherwise)', example: 10 })
  @IsInt() @Min(1) @Max(TRAJECTORY_COUNT_MAX)
  count!: number;

  @ApiPropertyOptional({ enum: PURCHASE_UNITS, default: 'trajectory', description: 'What is counted: trajectories, hours of coaching, months, participants, or one lump sum' })
  @IsOptional() @IsIn(PURCHASE_UNITS)
  unit?: PurchaseUnit;

  @Money('Price per unit in euros', '3000.00')
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
  @OptionalEntityId('Client-chosen id of this cancellation; send a new one to cancel again after reversing a wrong one', 'annulering-1')
  cancellationId?: string;

  @Text('Why the purchase is cancelled', 'Trajecten niet gestart')
  reason!: string;
}
