// Findings: the irregular but real facts of the ledger, each naming its events, as of any date.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { FINDING_KINDS, FINDINGS_PAGE_MAX, findings, type FindingKind } from '@geldstroom/projections';
import { ReadModels } from './projections.module';
import { cutRequest, QueryDto } from './query.dto';

/** Every finding names its events already: `explain` would add nothing. */
export class FindingsQueryDto extends OmitType(QueryDto, ['explain'] as const) {
  @ApiPropertyOptional({ enum: FINDING_KINDS, description: 'Only findings of this kind' })
  @IsOptional()
  @IsIn(FINDING_KINDS)
  kind?: FindingKind;

  @ApiPropertyOptional({ description: 'Skip this many findings (the `next` of the previous page)', minimum: 0, example: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;

  @ApiPropertyOptional({ description: 'Findings per page', minimum: 1, maximum: FINDINGS_PAGE_MAX, example: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(FINDINGS_PAGE_MAX)
  limit?: number;
}

@ApiTags('findings')
@ApiBearerAuth()
@Controller('v1/findings')
export class FindingsController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @ApiOperation({
    summary:
      'Every irregular but real fact: flags stored on events, and budget overruns, call-offs above a ceiling, procedures too light, split purchases, spending after a programme ended and payments without a commitment',
  })
  async list(@Query() query: FindingsQueryDto) {
    const reader = await this.readModels.current();
    const { kind, offset, limit } = query;
    return findings(reader, reader.resolveCut(cutRequest(query)), this.readModels.rules, { kind, offset, limit });
  }
}
