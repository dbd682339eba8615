// Questions about a programme: its cost and who paid, and the council answer.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { programmeCost } from '@geldstroom/projections';
import { ProblemException } from '../problem/problem';
import { EntityIdParam } from '../shared/entity-id.param';
import { ReadModels } from './projections.module';
import { cutRequest, QueryDto } from './query.dto';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('v1/programmes')
export class ProgrammeQueriesController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/cost')
  @ApiOperation({
    summary: 'What the programme cost and will still cost, who paid, participants and cost per participant against the norm',
  })
  async cost(@EntityIdParam() id: string, @Query() query: QueryDto) {
    const reader = await this.readModels.current();
    const answer = programmeCost(reader, id, reader.resolveCut(cutRequest(query)), query.explain ?? false);
    if (!answer) throw new ProblemException('not-found', `programme ${id} is not in the ledger as of then`);
    return answer;
  }
}
