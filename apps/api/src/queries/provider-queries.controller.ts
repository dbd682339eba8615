// What the ledger spent with a provider (a supplier or grant recipient), per year.
import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DATE_YEAR_MAX, DATE_YEAR_MIN, ENTITY_ID_PATTERN } from '@geldstroom/ledger';
import { findingsOf, providerSpend } from '@geldstroom/projections';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { EntityIdParam } from '../shared/entity-id.param';
import { ReadModels } from './projections.module';
import { cutRequest, QueryDto } from './query.dto';
import { OwnView } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/auth.guard';

export class ProviderSpendQueryDto extends QueryDto {
  @ApiPropertyOptional({ description: 'Only this (fiscal = calendar) year', example: 2024, minimum: DATE_YEAR_MIN, maximum: DATE_YEAR_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(DATE_YEAR_MIN)
  @Max(DATE_YEAR_MAX)
  year?: number;

  @ApiPropertyOptional({ description: 'Only what this party bought: spending charged to budgets it owns, contracts it awarded', example: 'heerlen' })
  @IsOptional()
  @Matches(ENTITY_ID_PATTERN, { message: 'buyer must be a party id' })
  buyer?: string;

  @ApiPropertyOptional({ description: 'Only spending charged to this budget', example: 'heerlen-maatwerk-reintegratie-2024' })
  @IsOptional()
  @Matches(ENTITY_ID_PATTERN, { message: 'budget must be a budget id' })
  budget?: string;
}

@ApiTags('providers')
@ApiBearerAuth()
@Controller('v1/providers')
export class ProviderQueriesController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/spend')
  @OwnView()
  @ApiParam({ name: 'id', description: 'The provider: a supplier or grant recipient party', example: 'reha' })
  @ApiOperation({
    summary:
      'Per year: the contracts with a provider (ceiling after amendments, term), what was bought per unit (trajectories, hours, months, ...) and its average price, committed, invoiced, paid, grants received and expenses paid to it; for everyone, one buyer or one budget; with the findings that touch the provider',
  })
  async spend(@EntityIdParam() id: string, @Query() query: ProviderSpendQueryDto, @Req() request: AuthenticatedRequest) {
    const reader = await this.readModels.current();
    const cut = reader.resolveCut(cutRequest(query));
    const { year, buyer, budget } = query;
    // A party reader (the provider itself) learns nothing of others' books: not whether a buyer or
    // budget exists (an unknown one is what it bought nothing from), nor the buyers' findings, which
    // name other providers' orders and the controllers' notes.
    const provider = request.principal?.role === 'party-reader';
    // A narrowing to a buyer or budget the ledger does not know would answer an empty list as if nothing was bought.
    if (!provider && buyer !== undefined && !reader.party(buyer, cut)) throw new ProblemException('not-found', `buyer ${buyer} is not in the ledger as of then`);
    if (!provider && budget !== undefined && !reader.budget(budget, cut)) throw new ProblemException('not-found', `budget ${budget} is not in the ledger as of then`);
    const answer = providerSpend(reader, id, cut, { year, buyer, budget, explain: query.explain ?? false });
    if (!answer) throw new ProblemException('not-found', `party ${id} is not in the ledger as of then`);
    return { ...answer, findings: provider ? { count: 0, byKind: {}, findings: [] } : findingsOf(reader, cut, this.readModels.rules, `party-${id}`) };
  }
}
