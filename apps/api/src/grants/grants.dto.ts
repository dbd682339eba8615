// Grants under Awb 4.2: award (verlening), advance payments (voorschot), settlement
// (vaststelling), reclaim (terugvordering), withdrawal (intrekking).
import { CommandDto } from '../shared/command.dto';
import { EntityId, Money, OptionalEntityId, Text } from '../shared/validators';

export class AwardGrantDto extends CommandDto {
  @EntityId('Client-chosen id of the grant', 'werkvoorheerlen-pilot-2024')
  grantId!: string;

  @EntityId('The budget the grant is charged to', 'azl-reintegratie-2024')
  budgetId!: string;

  @EntityId('The party receiving the grant', 'stichting-werkvoorheerlen')
  recipientPartyId!: string;

  @OptionalEntityId('The programme the grant serves', 'pilot-werkvoorheerlen-2024')
  programmeId?: string;

  @Money('Granted amount in euros', '100000.00')
  amount!: string;
}

export class PayGrantAdvanceDto extends CommandDto {
  @EntityId('Client-chosen id of this payment', 'voorschot-1')
  paymentId!: string;

  @Money('Amount paid in euros', '50000.00')
  amount!: string;
}

export class SettleGrantDto extends CommandDto {
  @EntityId('Client-chosen id of the settlement', 'vaststelling')
  settlementId!: string;

  @Money('Settled amount in euros (vastgesteld bedrag)', '100000.00')
  settledAmount!: string;
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
