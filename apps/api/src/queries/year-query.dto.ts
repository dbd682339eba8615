// A query about a year: the fiscal year of the budgets, or the year a payment is dated in.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN } from '@geldstroom/ledger';
import { QueryDto } from './query.dto';

export class YearQueryDto extends QueryDto {
  @ApiPropertyOptional({ description: 'Only this year; without it, every year', example: 2024, minimum: FISCAL_YEAR_MIN, maximum: FISCAL_YEAR_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(FISCAL_YEAR_MIN)
  @Max(FISCAL_YEAR_MAX)
  year?: number;
}

/** The options a year query passes on to its projection. */
export function yearOptions(query: YearQueryDto): { year?: number; explain: boolean } {
  return { ...(query.year !== undefined ? { year: query.year } : {}), explain: query.explain ?? false };
}
