// Questions about a party: who funds it and in what shares, and what its budgets spent.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { partyFunding, partySpending } from '@geldstroom/projections';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { EntityIdParam } from '../shared/entity-id.param';
import { ReadModels } from './projections.module';
import { cutRequest } from './query.dto';
import { yearOptions, YearQueryDto } from './year-query.dto';
import { OwnView } from '../access/access.decorators';

@ApiTags('parties')
@ApiBearerAuth()
@Controller('v1/parties')
export class PartyQueriesController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/funding')
  @OwnView()
  @ApiParam({ name: 'id', example: 'wsp-parkstad' })
  @ApiOperation({
    summary:
      "Who funds a party and in what shares, per year: the inflows of its budgets (per fiscal year) and the grant and purchase payments it received (per payment year), by ultimate funder",
  })
  @ApiNotFoundResponse({ description: 'The party is not in the ledger as of then' })
  async funding(@EntityIdParam() id: string, @Query() query: YearQueryDto) {
    const reader = await this.readModels.current();
    const answer = partyFunding(reader, id, reader.resolveCut(cutRequest(query)), yearOptions(query));
    if (!answer) throw new ProblemException('not-found', `party ${id} is not in the ledger as of then`);
    return answer;
  }

  @Get(':id/spending')
  @OwnView()
  @ApiParam({ name: 'id', example: 'gemeente-heerlen' })
  @ApiOperation({
    summary:
      "The party's own view: its lasten per fiscal year (committed, obligo, realised) by taakveld and by kind of cost (grants, purchases, each expense kind), " +
      "its transfers to budgets owned by other parties included as contributions; transfers between its own budgets are not lasten. " +
      'Programme cost, who paid and funding flows stay consolidated',
  })
  @ApiNotFoundResponse({ description: 'The party is not in the ledger as of then' })
  async spending(@EntityIdParam() id: string, @Query() query: YearQueryDto) {
    const reader = await this.readModels.current();
    const answer = partySpending(reader, id, reader.resolveCut(cutRequest(query)), yearOptions(query));
    if (!answer) throw new ProblemException('not-found', `party ${id} is not in the ledger as of then`);
    return answer;
  }
}
