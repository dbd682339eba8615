// Grants under Awb 4.2: award (verlening), advance payments (voorschot), settlement
// (vaststelling), reclaim (terugvordering), withdrawal (intrekking).
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CommandDto } from './command.dto';
import { EntityId, Money, OptionalEntityId, Text } from './validators';

export class AwardGrantDto extends CommandDto {
  @EntityId('Client-chosen id of the grant', 'werkvoorheerlen-pilot-2024')
  grantId!: string;

  @EntityId('The budget the grant is charged to', 'azl-reintegratie-2024')
  budgetId!: string;

  @EntityId('The party receiving the grant', 'stichting-werkvoorheerlen')
  recipientPartyId!: string;

  @OptionalEntityId('The programme the grant serves', 'pilot-werkvoorheerlen-2024')
  programmeId?: string;

  @OptionalEntityId("The budget's allocation line the grant is charged to", 'subsidies-participatie')
  budgetLineId?: string;

  @Money('Granted amount in euros', '100000.00')
  amount!: string;
}

export class PayGrantAdvanceDto extends CommandDto {
  @EntityId('Client-chosen id of this payment', 'voorschot-1')
  paymentId!: string;

  @Money('Amount paid in euros', '50000.00')
  amount!: string;
}

/** The reclaim that a settlement below what was paid carries, decided with it (Awb 4:57). */
export class SettlementReclaimDto {
  @EntityId('Client-chosen id of the reclaim', 'terugvordering-vaststelling')
  reclaimId!: string;

  @Money('Amount reclaimed in euros: exactly what was paid above the settled amount', '20000.00')
  amount!: string;

  @Text('Why the money is reclaimed', 'Vastgesteld op minder dan het voorschot')
  reason!: string;
}

export class SettleGrantDto extends CommandDto {
  @EntityId('Client-chosen id of the settlement', 'vaststelling')
  settlementId!: string;

  @Money('Settled amount in euros (vastgesteld bedrag)', '100000.00')
  settledAmount!: string;

  // Without it a settlement below what was paid could only follow a separate reclaim, while
  // the refusal of such a settlement tells the client to send the reclaim with it.
  @ApiPropertyOptional({ type: SettlementReclaimDto, description: 'Required when settling below what was paid' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => SettlementReclaimDto)
  reclaim?: SettlementReclaimDto;
}

export class ReclaimGrantDto extends CommandDto {
  @EntityId('Client-chosen id of the reclaim', 'terugvordering-1')
  reclaimId!: string;

  @Money('Amount reclaimed in euros', '5000.00')
  amount!: string;

  @Text('Why the money is reclaimed', 'Minder deelnemers dan begroot')
  reason!: string;
}

export class WithdrawGrantDto extends CommandDto {
  @EntityId('Client-chosen id of the withdrawal', 'intrekking')
  withdrawalId!: string;

  @Text('Why the grant is withdrawn', 'Activiteiten niet uitgevoerd')
  reason!: string;
}
