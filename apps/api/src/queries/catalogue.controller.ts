// What the ledger knew of, to pick from: the programmes, budgets and parties as of any date.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN } from '@geldstroom/ledger';
import { budgetCatalogue, CATALOGUE_ENTRIES_MAX, partyCatalogue, programmeCatalogue, type CataloguePage } from '@geldstroom/projections';
import { ReadModels } from './projections.module';
import { cutRequest, QueryDto } from './query.dto';

/** Knowledge time only: a list says which entities were recorded by then. */
export class CatalogueQueryDto extends PickType(QueryDto, ['asOf'] as const) {
  @ApiPropertyOptional({ description: 'Only budgets of this fiscal year, programmes launched in it', example: 2024, minimum: FISCAL_YEAR_MIN, maximum: FISCAL_YEAR_MAX })
  @IsOptional() @Type(() => Number) @IsInt() @Min(FISCAL_YEAR_MIN) @Max(FISCAL_YEAR_MAX)
  year?: number;

  @ApiPropertyOptional({ description: 'Skip this many entries (the `next` of the previous page)', minimum: 0, example: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;

  @ApiPropertyOptional({ description: 'Entries per page', minimum: 1, maximum: CATALOGUE_ENTRIES_MAX, example: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(CATALOGUE_ENTRIES_MAX)
  limit?: number;
}

function page(query: CatalogueQueryDto): CataloguePage {
  return { year: query.year, offset: query.offset, limit: query.limit };
}

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('v1')
export class CatalogueController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('programmes')
  @ApiOperation({ summary: 'The programmes the ledger knew as of then, by name: owner, launch date and whether ended; a label that tells programmes of the same name apart; by year, paged' })
  async programmes(@Query() query: CatalogueQueryDto) {
    const reader = await this.readModels.current();
    return programmeCatalogue(reader, reader.resolveCut(cutRequest(query)), page(query));
  }

  @Get('budgets')
  @ApiOperation({ summary: 'The budgets the ledger knew as of then, by name: owner, fiscal year and taakveld; a label that tells budgets of the same name apart; by fiscal year, paged' })
  async budgets(@Query() query: CatalogueQueryDto) {
    const reader = await this.readModels.current();
    return budgetCatalogue(reader, reader.resolveCut(cutRequest(query)), page(query));
  }

  @Get('parties')
  @ApiOperation({ summary: 'The parties the ledger knew as of then, by name: kind, and whether it is a provider (supplier, grant recipient or payee); paged' })
  async parties(@Query() query: CatalogueQueryDto) {
    const reader = await this.readModels.current();
    return partyCatalogue(reader, reader.resolveCut(cutRequest(query)), page(query));
  }
}
