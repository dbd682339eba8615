// The reports a municipality files, straight from the ledger: the Iv3 matrix, the accountability
// per outside funding (SiSa-style) and the rechtmatigheid register of a party and year; and any
// report as the council was told it then beside the same report now, with the events between.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { fundingAccountability, iv3Matrix, rechtmatigheidRegister, reportYearProblem, thenAndNow } from '@geldstroom/projections';
import { ENTITY_ID_PATTERN } from '@geldstroom/ledger';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { EntityIdParam } from '../shared/entity-id.param';
import { ReadModels } from './projections.module';
import { cutRequest } from './query.dto';
import { toCents } from '@geldstroom/application/commands/money';
import { isChangeReport, OptionalReportYearQueryDto, RechtmatigheidQueryDto, REPORT_PARAM, ReportYearQueryDto, ThenAndNowQueryDto } from './report-query.dto';
import { OwnView } from '../access/access.decorators';
import { partyOfChanges } from '../access/own-views';

const NOT_FOUND = 'The party is not in the ledger as of then';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/parties')
export class PartyReportsController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/iv3')
  @OwnView()
  @ApiParam({ name: 'id', example: 'gemeente-heerlen' })
  @ApiOperation({
    summary:
      "Iv3 matrix of a party and fiscal year: lasten and baten (realised) per taakveld, named as the year's catalogue names it, and per economic category " +
      "(own staff, hired staff, purchases, subsidies and grants, contributions, other) with its Iv3 code; reconciled kind by kind with the party's own spending",
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async iv3(@EntityIdParam() id: string, @Query() query: ReportYearQueryDto) {
    const reader = await this.readModels.current();
    const answer = iv3Matrix(reader, id, query.year, reader.resolveCut(cutRequest(query)), this.readModels.reportRules);
    if (!answer) throw new ProblemException('not-found', `party ${id} is not in the ledger as of then`);
    return answer;
  }

  @Get(':id/funding-accountability')
  @OwnView()
  @ApiParam({ name: 'id', example: 'gemeente-heerlen' })
  @ApiOperation({
    summary:
      'Accountability per outside funding the party received (SiSa-style), per funder and regulation code: received, spent per year by who paid, cumulative, ' +
      'unspent, the programmes it paid for with participants and outcomes, and the findings touching that spending as fouten or onzekerheden',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async fundingAccountability(@EntityIdParam() id: string, @Query() query: OptionalReportYearQueryDto) {
    const reader = await this.readModels.current();
    const answer = fundingAccountability(reader, id, reader.resolveCut(cutRequest(query)), this.rules(), query.year === undefined ? {} : { year: query.year });
    if (!answer) throw new ProblemException('not-found', `party ${id} is not in the ledger as of then`);
    return answer;
  }

  @Get(':id/rechtmatigheid')
  @OwnView()
  @ApiParam({ name: 'id', example: 'gemeente-heerlen' })
  @ApiOperation({
    summary:
      'The rechtmatigheid register of a party and year: every finding it is accountable for by criterion, fout or onzekerheid, amount and review state; ' +
      "the year's totals against the goedkeuringstolerantie and the verantwoordingsgrens (shares of the omvangsbasis: the one given, else the ledger's own lasten) " +
      'and the rapportagegrens the raad set, with an early warning',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async rechtmatigheid(@EntityIdParam() id: string, @Query() query: RechtmatigheidQueryDto) {
    const reader = await this.readModels.current();
    const options = query.omvangsbasis === undefined ? {} : { omvangsbasisCents: toCents(query.omvangsbasis) };
    const answer = rechtmatigheidRegister(reader, id, query.year, reader.resolveCut(cutRequest(query)), this.rules(), options);
    if (!answer) throw new ProblemException('not-found', `party ${id} is not in the ledger as of then`);
    return answer;
  }

  private rules() {
    return { findings: this.readModels.rules, reports: this.readModels.reportRules };
  }
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/changes')
export class ThenAndNowController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':report/:id')
  @OwnView(partyOfChanges)
  @ApiParam(REPORT_PARAM)
  @ApiParam({ name: 'id', description: 'The programme, budget or party the report is about', example: 'pilot-werkvoorheerlen-2024' })
  @ApiOperation({
    summary:
      'What we told the council then, and what changed since: the report as of a past knowledge time (`then`) beside the report now (or as of `asOf`/`on`), ' +
      'every figure that differs, and the events recorded in between that explain it, each with its position and hash',
  })
  @ApiNotFoundResponse({ description: 'The entity is not in the ledger then nor now' })
  async changes(@Param('report') report: string, @Param('id') id: string, @Query() query: ThenAndNowQueryDto) {
    if (!isChangeReport(report)) throw new ProblemException('validation', `report must be one of ${REPORT_PARAM.enum.join(', ')}`);
    if (typeof id !== 'string' || !ENTITY_ID_PATTERN.test(id)) throw new ProblemException('validation', `the id in the path must match ${ENTITY_ID_PATTERN.source}`);
    const yearProblem = reportYearProblem(report, query.year);
    if (yearProblem) throw new ProblemException('validation', `year: ${yearProblem}`);
    const reader = await this.readModels.current();
    const answer = thenAndNow(
      reader,
      { report, id, then: query.then, ...(query.year === undefined ? {} : { year: query.year }), now: cutRequest(query) },
      { findings: this.readModels.rules, reports: this.readModels.reportRules },
    );
    if (!answer) throw new ProblemException('not-found', `${report} ${id} is not in the ledger then nor now`);
    return answer;
  }
}
