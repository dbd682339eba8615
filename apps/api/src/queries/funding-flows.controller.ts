// The money between parties, through their budgets, as a graph for a Sankey diagram.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { fundingFlows } from '@geldstroom/projections';
import { ReadModels } from './projections.module';
import { cutRequest } from './query.dto';
import { yearOptions, YearQueryDto } from './year-query.dto';

@ApiTags('funding flows')
@ApiBearerAuth()
@Controller('v1/funding-flows')
export class FundingFlowsController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @ApiOperation({
    summary:
      "Nodes (parties, budgets) and edges (funding, transfer, grant, purchase) with amounts: funders into budgets, budgets into budgets, budgets to the parties paid net of reclaims; `year` is the budgets' fiscal year",
  })
  async flows(@Query() query: YearQueryDto) {
    const reader = await this.readModels.current();
    return fundingFlows(reader, reader.resolveCut(cutRequest(query)), yearOptions(query));
  }
}
