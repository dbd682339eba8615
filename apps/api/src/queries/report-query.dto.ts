// What the reports take: the year of a report of one year, and for "then and now" the report,
// the entity and the knowledge time of the earlier answer.
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN } from '@geldstroom/ledger';
import { CHANGE_REPORTS, type ChangeReport } from '@geldstroom/projections';
import { IsMoney } from '@geldstroom/application/commands/validators';
import { AS_OF, QueryDto } from './query.dto';

/** A report of one fiscal year: the year is required. */
export class ReportYearQueryDto extends OmitType(QueryDto, ['explain'] as const) {
  @ApiProperty({ description: 'The fiscal year reported on', example: 2023, minimum: FISCAL_YEAR_MIN, maximum: FISCAL_YEAR_MAX })
  @Type(() => Number)
  @IsInt()
  @Min(FISCAL_YEAR_MIN)
  @Max(FISCAL_YEAR_MAX)
  year!: number;
}

/** The omvangsbasis a controller gives the rechtmatigheid register (and its export). */
export const OMVANGSBASIS_DESCRIPTION =
  "The omvangsbasis the goedkeuringstolerantie, the verantwoordingsgrens and the early warning are a share of: all of the municipality's lasten " +
  '(from 2025 less additions to the reserves), two decimals. Without it, the lasten the ledger records for the party, only the spending recorded here.';

/** The rechtmatigheid register: its year, and the omvangsbasis if a controller gives it. */
export class RechtmatigheidQueryDto extends ReportYearQueryDto {
  @ApiPropertyOptional({ description: OMVANGSBASIS_DESCRIPTION, example: '123456789.00', type: String })
  @IsOptional()
  @IsMoney()
  omvangsbasis?: string;
}

/** A report up to a year, or over every year without one. */
export class OptionalReportYearQueryDto extends OmitType(QueryDto, ['explain'] as const) {
  @ApiPropertyOptional({ description: 'Figures up to and including this fiscal year; without it, every year', example: 2023, minimum: FISCAL_YEAR_MIN, maximum: FISCAL_YEAR_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(FISCAL_YEAR_MIN)
  @Max(FISCAL_YEAR_MAX)
  year?: number;
}

export class ThenAndNowQueryDto extends OmitType(QueryDto, ['explain'] as const) {
  @ApiProperty({
    description: 'Knowledge time of the earlier answer (what the council was told): a date (its whole day, until midnight in the Netherlands), an ISO instant, or a journal position',
    example: '2024-07-08',
  })
  @Matches(AS_OF, { message: 'then must be a date YYYY-MM-DD, an ISO instant, or a journal position' })
  then!: string;

  @ApiPropertyOptional({
    description: 'The fiscal year, for a report of one year (iv3-matrix and rechtmatigheid need it; party-spending and funding-accountability take it)',
    example: 2023,
    minimum: FISCAL_YEAR_MIN,
    maximum: FISCAL_YEAR_MAX,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(FISCAL_YEAR_MIN)
  @Max(FISCAL_YEAR_MAX)
  year?: number;
}

export const REPORT_PARAM = { name: 'report', enum: [...CHANGE_REPORTS], description: 'The report to compare' };

export function isChangeReport(value: string): value is ChangeReport {
  return (CHANGE_REPORTS as readonly string[]).includes(value);
}
