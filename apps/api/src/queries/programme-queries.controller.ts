// Questions about a programme: its cost and who paid, and the council answer.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { councilAnswer, findingsOf, programmeCost } from '@geldstroom/projections';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { EntityIdParam } from '../shared/entity-id.param';
import { ReadModels } from './projections.module';
import { cutRequest, QueryDto } from './query.dto';

export class AnswerQueryDto extends QueryDto {
  @ApiPropertyOptional({ enum: ['nl', 'en'], default: 'nl', description: 'Language of the answer' })
  @IsOptional()
  @IsIn(['nl', 'en'])
  lang?: 'nl' | 'en';
}

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('v1/programmes')
export class ProgrammeQueriesController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/cost')
  @ApiOperation({
    summary: 'What the programme cost and will still cost, who paid, participants and cost per participant against the norm, and the findings that touch it',
  })
  async cost(@EntityIdParam() id: string, @Query() query: QueryDto) {
    const reader = await this.readModels.current();
    const cut = reader.resolveCut(cutRequest(query));
    const answer = programmeCost(reader, id, cut, query.explain ?? false);
    if (!answer) throw new ProblemException('not-found', `programme ${id} is not in the ledger as of then`);
    return { ...answer, findings: findingsOf(reader, cut, this.readModels.rules, `programme-${id}`) };
  }

  @Get(':id/answer')
  @ApiOperation({
    summary: 'A short answer to a council question about the programme, every figure followed by its events',
  })
  async answer(@EntityIdParam() id: string, @Query() query: AnswerQueryDto) {
    const reader = await this.readModels.current();
    const answer = councilAnswer(reader, id, reader.resolveCut(cutRequest(query)), query.lang ?? 'nl');
    if (!answer) throw new ProblemException('not-found', `programme ${id} is not in the ledger as of then`);
    return answer;
  }
}
