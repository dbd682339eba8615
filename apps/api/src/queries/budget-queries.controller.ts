// Questions about a budget: its execution (begrotingsuitputting) as of any date.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { budgetExecution, findingsOf } from '@geldstroom/projections';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { EntityIdParam } from '../shared/entity-id.param';
import { ReadModels } from './projections.module';
import { cutRequest, QueryDto } from './query.dto';

@ApiTags('budgets')
@ApiBearerAuth()
@Controller('v1/budgets')
export class BudgetQueriesController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/execution')
  @ApiParam({ name: 'id', example: 'heerlen-maatwerk-reintegratie-2024' })
  @ApiOperation({
    summary:
      'Budget execution: initial, amendments, transfers in and out, current budget; per allocation line allocated, committed (obligo), realised and available; spending not on a line; totals and overrun; the findings that touch the budget',
  })
  @ApiNotFoundResponse({ description: 'The budget is not in the ledger as of then' })
  async execution(@EntityIdParam() id: string, @Query() query: QueryDto) {
    const reader = await this.readModels.current();
    const cut = reader.resolveCut(cutRequest(query));
    const answer = budgetExecution(reader, id, cut, query.explain ?? false);
    if (!answer) throw new ProblemException('not-found', `budget ${id} is not in the ledger as of then`);
    return { ...answer, findings: findingsOf(reader, cut, this.readModels.rules, `budget-${id}`) };
  }
}
