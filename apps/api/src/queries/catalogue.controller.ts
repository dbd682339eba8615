// What the ledger knew of, to pick from: the programmes, budgets and parties as of any date.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, PickType } from '@nestjs/swagger';
import { budgetCatalogue, partyCatalogue, programmeCatalogue } from '@geldstroom/projections';
import { ReadModels } from './projections.module';
import { cutRequest, QueryDto } from './query.dto';

/** Knowledge time only: a list says which entities were recorded by then. */
export class CatalogueQueryDto extends PickType(QueryDto, ['asOf'] as const) {}

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('v1')
export class CatalogueController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('programmes')
  @ApiOperation({ summary: 'The programmes the ledger knew as of then, by name: owner, launch date and whether ended' })
  async programmes(@Query() query: CatalogueQueryDto) {
    const reader = await this.readModels.current();
    return programmeCatalogue(reader, reader.resolveCut(cutRequest(query)));
  }

  @Get('budgets')
  @ApiOperation({ summary: 'The budgets the ledger knew as of then, by name: owner, fiscal year and taakveld' })
  async budgets(@Query() query: CatalogueQueryDto) {
    const reader = await this.readModels.current();
    return budgetCatalogue(reader, reader.resolveCut(cutRequest(query)));
  }

  @Get('parties')
  @ApiOperation({ summary: 'The parties the ledger knew as of then, by name: kind, and whether it is a provider (supplier or grant recipient)' })
  async parties(@Query() query: CatalogueQueryDto) {
    const reader = await this.readModels.current();
    return partyCatalogue(reader, reader.resolveCut(cutRequest(query)));
  }
}
