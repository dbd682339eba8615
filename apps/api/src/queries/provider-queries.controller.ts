// What the ledger spent with a provider (a supplier or grant recipient), per year.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DATE_YEAR_MAX, DATE_YEAR_MIN } from '@geldstroom/ledger';
import { providerSpend } from '@geldstroom/projections';
import { ProblemException } from '../problem/problem';
import { EntityIdParam } from '../shared/entity-id.param';
import { ReadModels } from './projections.module';
import { cutRequest, QueryDto } from './query.dto';

export class ProviderSpendQueryDto extends QueryDto {
  @ApiPropertyOptional({ description: 'Only this (fiscal = calendar) year', example: 2024, minimum: DATE_YEAR_MIN, maximum: DATE_YEAR_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(DATE_YEAR_MIN)
  @Max(DATE_YEAR_MAX)
  year?: number;
}

@ApiTags('providers')
@ApiBearerAuth()
@Controller('v1/providers')
export class ProviderQueriesController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/spend')
  @ApiParam({ name: 'id', description: 'The provider: a supplier or grant recipient party', example: 'reha' })
  @ApiOperation({
    summary:
      'Per year: the contracts with a provider (ceiling after amendments, term), trajectories bought, committed, average price per trajectory, invoiced, paid, and grants received',
  })
  async spend(@EntityIdParam() id: string, @Query() query: ProviderSpendQueryDto) {
    const reader = await this.readModels.current();
    const answer = providerSpend(reader, id, reader.resolveCut(cutRequest(query)), {
      ...(query.year !== undefined ? { year: query.year } : {}),
      explain: query.explain ?? false,
    });
    if (!answer) throw new ProblemException('not-found', `party ${id} is not in the ledger as of then`);
    return answer;
  }
}
