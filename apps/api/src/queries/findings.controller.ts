// Findings: the irregular but real facts of the ledger, each naming its events, as of any date.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ENTITY_ID_PATTERN, FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, REVIEW_STATES } from '@geldstroom/ledger';
import { FINDING_KINDS, FINDINGS_PAGE_MAX, findings, type FindingKind, type ReviewFilter } from '@geldstroom/projections';
import { ReadModels } from './projections.module';
import { cutRequest, QueryDto } from './query.dto';

const ENTITY_STREAM = /^(party|budget|programme|grant|procurement|contract|purchase|expense)-[a-z0-9][a-z0-9-]{1,63}$/;
const REVIEW_FILTERS: readonly ReviewFilter[] = [...REVIEW_STATES, 'open', 'reviewed'];

/** Every finding names its events already: `explain` would add nothing. */
export class FindingsQueryDto extends OmitType(QueryDto, ['explain'] as const) {
  @ApiPropertyOptional({ enum: FINDING_KINDS, description: 'Only findings of this kind' })
  @IsOptional()
  @IsIn(FINDING_KINDS)
  kind?: FindingKind;

  @ApiPropertyOptional({
    description: 'Only findings touching this entity, by its stream id: a budget, programme, party, contract, grant, purchase or expense',
    example: 'budget-azl-reintegratie-2024',
  })
  @IsOptional()
  @Matches(ENTITY_STREAM, { message: 'entity must be a stream id such as budget-azl-reintegratie-2024' })
  entity?: string;

  @ApiPropertyOptional({ description: 'Only findings touching this party: the one it is about, a supplier or recipient, a funder or the buyer', example: 'heerlen' })
  @IsOptional()
  @Matches(ENTITY_ID_PATTERN, { message: 'party must be a party id' })
  party?: string;

  @ApiPropertyOptional({ description: 'Only findings dated in this fiscal year', example: 2024, minimum: FISCAL_YEAR_MIN, maximum: FISCAL_YEAR_MAX })
  @IsOptional() @Type(() => Number) @IsInt() @Min(FISCAL_YEAR_MIN) @Max(FISCAL_YEAR_MAX)
  year?: number;

  @ApiPropertyOptional({ enum: REVIEW_FILTERS, description: 'Only findings whose latest review is in this state; `open`: never reviewed, `reviewed`: any review' })
  @IsOptional()
  @IsIn(REVIEW_FILTERS)
  review?: ReviewFilter;

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
      'Every irregular but real fact: flags stored on events, and budget and allocation-line overruns, call-offs above a ceiling, procedures too light, split purchases, spending after a programme ended, payments without a commitment and decisions with one side missing; each with its latest review, filtered by kind, entity, party, year and review state, and paged',
  })
  async list(@Query() query: FindingsQueryDto) {
    const reader = await this.readModels.current();
    const { kind, entity, party, year, review, offset, limit } = query;
    return findings(reader, reader.resolveCut(cutRequest(query)), this.readModels.rules, { kind, entity, party, year, review, offset, limit });
  }
}
