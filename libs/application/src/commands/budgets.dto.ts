// Budgets (begrotingsposten): opened for a party and year, funded, amended, allocated in
// lines, and transferred to other budgets (virement, bijdrage aan een GR).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { REGULATION_CODE_PATTERN } from '@geldstroom/ledger';
import { CommandDto } from './command.dto';
import { EntityId, Money, OptionalEntityId, Text } from './validators';

export class OpenBudgetDto extends CommandDto {
  @EntityId('Client-chosen id of the budget', 'heerlen-maatwerk-reintegratie-2024')
  budgetId!: string;

  @EntityId('The party that owns the budget', 'gemeente-heerlen')
  ownerPartyId!: string;

  @Text('Name of the budget line', 'Maatwerkbudget re-integratie')
  name!: string;

  @ApiProperty({ example: 2024, type: 'integer', minimum: 2000, maximum: 2100 })
  @IsInt() @Min(2000) @Max(2100)
  fiscalYear!: number;

  @ApiProperty({ description: 'Iv3 taakveld', example: '6.4', pattern: '^\\d{1,2}\\.\\d{1,2}(\\.\\d{1,2})?$' })
  @Matches(/^\d{1,2}\.\d{1,2}(\.\d{1,2})?$/, { message: '$property must be an Iv3 taakveld such as "6.4"' })
  taakveld!: string;
}

export class FundBudgetDto extends CommandDto {
  @EntityId('Client-chosen id of this inflow', 'rijksbijdrage-2024')
  fundingId!: string;

  @ApiProperty({ enum: ['own-means', 'outside-funder'], example: 'own-means' })
  @IsIn(['own-means', 'outside-funder'])
  source!: 'own-means' | 'outside-funder';

  @OptionalEntityId('Who provides the money; for own means the owner (default)', 'gemeente-heerlen')
  funderPartyId?: string;

  @Money('Amount in euros', '500000.00')
  amount!: string;

  @OptionalEntityId('Programme this money is earmarked for: drawn first by its spending', 'pilot-werkvoorheerlen-2024')
  earmarkProgrammeId?: string;

  @ApiPropertyOptional({
    description:
      'Only for an outside funder: the regulation it pays under, as the funder codes it (a SiSa uitkeringscode such as SZW/G2). ' +
      'The money is then accounted for on its own (GET /v1/parties/{id}/funding-accountability).',
    example: 'SZW/G2',
    pattern: REGULATION_CODE_PATTERN.source,
  })
  @IsOptional()
  @IsString()
  @Matches(REGULATION_CODE_PATTERN, { message: '$property must be a code such as "SZW/G2" (letters, digits, / . _ -; at most 40)' })
  regulationCode?: string;
}

export class AmendBudgetDto extends CommandDto {
  @EntityId('Client-chosen id of the amendment (begrotingswijziging)', 'bw-2024-03')
  amendmentId!: string;

  @Money('Signed change in euros', '-25000.00', { allowNegative: true })
  amount!: string;

  @Text('Why the budget changes', 'Tweede bestuursrapportage')
  reason!: string;
}

export class AllocateBudgetDto extends CommandDto {
  @EntityId('Client-chosen id of the allocation line', 'producten-reha')
  lineId!: string;

  @Text('What the line is for', 'Producten provider ReHa')
  description!: string;

  @Money('Amount allocated in euros', '30000.00')
  amount!: string;
}

export class TransferBudgetDto extends CommandDto {
  @EntityId('Client-chosen id of the transfer', 'bijdrage-wsp-2024')
  transferId!: string;

  @EntityId('The budget receiving the money', 'wsp-parkstad-2024')
  toBudgetId!: string;

  @Money('Amount transferred in euros', '50000.00')
  amount!: string;

  @OptionalEntityId('Programme the transferred money is earmarked for', 'pilot-werkvoorheerlen-2024')
  earmarkProgrammeId?: string;
}
