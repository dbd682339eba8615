// Procurement (aanbesteding) and the contracts it awards (gunning, raamovereenkomst).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PROCUREMENT_PROCEDURES, type ProcurementProcedure } from '@geldstroom/ledger';
import { CommandDto } from './command.dto';
import { EntityId, IsIsoDate, Money, OptionalEntityId, Text } from './validators';

export class StartProcurementDto extends CommandDto {
  @EntityId('Client-chosen id of the procurement', 'inkoop-trajecten-reha-2024')
  procurementId!: string;

  @EntityId('The contracting party', 'gemeente-heerlen')
  buyerPartyId!: string;

  @Text('What is bought', 'Re-integratietrajecten grote afstand tot de arbeidsmarkt')
  subject!: string;

  @ApiProperty({ enum: PROCUREMENT_PROCEDURES, example: 'single-quote' })
  @IsIn(PROCUREMENT_PROCEDURES)
  procedure!: ProcurementProcedure;

  @Money('Estimated value over the whole term with options, excl. VAT', '30000.00')
  estimatedValue!: string;
}

export class AwardContractDto extends CommandDto {
  @EntityId('Client-chosen id of the contract', 'contract-reha-2024')
  contractId!: string;

  @EntityId('The supplier', 'reha')
  supplierPartyId!: string;

  @Money('Contract ceiling in euros', '30000.00')
  ceiling!: string;

  @ApiProperty({ example: '2024-07-01' })
  @IsIsoDate()
  termStart!: string;

  @ApiProperty({ example: '2024-12-31' })
  @IsIsoDate()
  termEnd!: string;

  @ApiPropertyOptional({ description: 'Months of options to extend', example: 0 })
  @IsOptional() @IsInt() @Min(0) @Max(120)
  optionMonths?: number;
}

export class AmendContractDto extends CommandDto {
  @EntityId('Client-chosen id of the amendment', 'verhoging-plafond-1')
  amendmentId!: string;

  @Money('New ceiling in euros', '40000.00')
  ceiling!: string;

  @ApiPropertyOptional({ example: '2025-06-30' })
  @IsOptional() @IsIsoDate()
  termEnd?: string;

  @Text('Why the contract changes', 'Extra trajecten nodig')
  reason!: string;
}

export class EndContractDto extends CommandDto {
  @OptionalEntityId('Client-chosen id of this end; send a new one to record an end after reversing a wrong one', 'einde-2024')
  endId?: string;

  @Text('Why the contract ends', 'Looptijd verstreken')
  reason!: string;
}
