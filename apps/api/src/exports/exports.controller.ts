// Reports and the journal as files: CSV for Dutch Excel and XLSX, made by the same module the
// command line's `export` uses (libs/projections/src/exports), so the web page's export buttons
// and the command line give the same bytes for the same request.
import { Controller, Get, Inject, Param, Query, Res, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { HttpReply } from '../shared/http';
import { sendExport } from './send-export';
import { ENTITY_ID_PATTERN, FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, REVIEW_STATES } from '@geldstroom/ledger';
import type { EventStore } from '@geldstroom/event-store';
import {
  EXPORT_FORMATS,
  EXPORT_MEDIA_TYPES,
  EXPORT_SUBJECT,
  EXPORTS,
  CHANGE_REPORTS,
  ExportRequestError,
  ExportSubjectUnknownError,
  exportTable,
  FINDING_KINDS,
  type FindingKind,
  isExportKind,
  type ExportFormat,
  type ExportKind,
  type FindingsFilter,
  type ReviewFilter,
} from '@geldstroom/projections';
import { Matches } from 'class-validator';
import { journalFilterOf, JournalFilterDto } from '../journal/journal-filter.dto';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { ReadModels } from '../queries/projections.module';
import { answerIntegrity } from '../queries/read-models-status';
import { IntegrityMonitor } from '../health/integrity-monitor';
import { IsIsoDate, IsMoney } from '@geldstroom/application/commands/validators';
import { toCents } from '@geldstroom/application/commands/money';
import { OMVANGSBASIS_DESCRIPTION } from '../queries/report-query.dto';
import { AS_OF } from '../queries/query.dto';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import { OwnView } from '../access/access.decorators';
import { partyOfExport } from '../access/own-views';

const REVIEW_FILTERS: readonly ReviewFilter[] = [...REVIEW_STATES, 'open', 'reviewed'];

export class ExportQueryDto extends JournalFilterDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', description: 'csv (for Dutch Excel: `;`, decimal commas, UTF-8 with BOM) or xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({ description: 'The programme, budget or party the report is about; without it, every one the ledger knows', example: 'pilot-werkvoorheerlen-2024' })
  @IsOptional()
  @Matches(ENTITY_ID_PATTERN, { message: `id must match ${ENTITY_ID_PATTERN.source}` })
  id?: string;

  @ApiPropertyOptional({ description: 'Only this (fiscal) year, for the reports given per year', example: 2024, minimum: FISCAL_YEAR_MIN, maximum: FISCAL_YEAR_MAX })
  @IsOptional() @Type(() => Number) @IsInt() @Min(FISCAL_YEAR_MIN) @Max(FISCAL_YEAR_MAX)
  year?: number;

  @ApiPropertyOptional({ description: 'Business time: only events effective on or before this date (YYYY-MM-DD)', example: '2024-06-30', format: 'date' })
  @IsOptional()
  @IsIsoDate()
  on?: string;

  @ApiPropertyOptional({ enum: CHANGE_REPORTS, description: 'then-and-now: the report compared' })
  @IsOptional()
  @IsIn(CHANGE_REPORTS)
  report?: string;

  @ApiPropertyOptional({ description: 'then-and-now: what the council was told then, as a journal position, a date or an ISO instant', example: '2024-09-03' })
  @IsOptional()
  @Matches(AS_OF, { message: 'then must be a journal position, a date YYYY-MM-DD or an ISO instant' })
  then?: string;

  @ApiPropertyOptional({ enum: FINDING_KINDS, description: 'findings: only findings of this kind (with entity, party, year and review, as GET /v1/findings filters)' })
  @IsOptional()
  @IsIn(FINDING_KINDS)
  kind?: FindingKind;

  @ApiPropertyOptional({ description: `rechtmatigheid: ${OMVANGSBASIS_DESCRIPTION}`, example: '123456789.00', type: String })
  @IsOptional()
  @IsMoney()
  omvangsbasis?: string;

  @ApiPropertyOptional({ enum: REVIEW_FILTERS, description: 'findings: only findings whose latest review is in this state; `open`: never reviewed, `reviewed`: any review' })
  @IsOptional()
  @IsIn(REVIEW_FILTERS)
  review?: ReviewFilter;
}

class ExportKindPipe implements PipeTransform<string, ExportKind> {
  transform(value: string): ExportKind {
    if (typeof value !== 'string' || !isExportKind(value)) throw new ProblemException('not-found', `there is no export ${String(value)}; there are ${EXPORTS.join(', ')}`);
    return value;
  }
}

const JOURNAL_FILTERS = ['type', 'entity', 'party', 'from', 'to', 'amountMin', 'amountMax'] as const;

@ApiTags('exports')
@ApiBearerAuth()
@Controller('v1/exports')
export class ExportsController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly integrity: IntegrityMonitor,
  ) {}

  @Get(':what')
  @OwnView(partyOfExport)
  @ApiParam({ name: 'what', enum: EXPORTS, description: 'The report or the journal' })
  @ApiProduces(EXPORT_MEDIA_TYPES.csv, EXPORT_MEDIA_TYPES.xlsx)
  @ApiOperation({
    summary:
      'A report or the journal as a file, CSV or XLSX, stamped with the journal position and tree head it was computed at ' +
      '(after the table in CSV, on the sheet "Verantwoording" in XLSX); the command line\'s `export` gives the same bytes',
  })
  async export(@Param('what', new ExportKindPipe()) what: ExportKind, @Query() query: ExportQueryDto, @Res() reply: HttpReply): Promise<void> {
    checkSubject(what, query);
    const reader = await this.readModels.current();
    const cut = reader.resolveCut({ ...(query.asOf ? { asOf: query.asOf } : {}), ...(query.on ? { on: query.on } : {}) });
    const request = {
      ...(query.id !== undefined ? { id: query.id } : {}),
      ...(query.year !== undefined ? { year: query.year } : {}),
      ...(query.report !== undefined ? { report: query.report } : {}),
      ...(query.then !== undefined ? { then: query.then } : {}),
      ...(query.omvangsbasis !== undefined ? { omvangsbasisCents: toCents(query.omvangsbasis) } : {}),
      ...(what === 'journal' ? { journalFilter: journalFilterOf(query) } : {}),
      ...(what === 'findings' ? { findingsFilter: findingsFilterOf(query) } : {}),
    };
    const format = query.format ?? 'csv';
    let table;
    try {
      // Every answer a report holds is computed here, before the first byte: a refusal is still a problem.
      const rules = { findings: this.readModels.rules, reports: this.readModels.reportRules };
      table = exportTable(what, { store: this.store, reader, cut, rules }, request);
    } catch (error) {
      if (error instanceof ExportSubjectUnknownError) throw new ProblemException('not-found', error.message);
      if (error instanceof ExportRequestError) throw new ProblemException('validation', error.message);
      throw error;
    }
    await sendExport(reply, table, format, answerIntegrity(this.readModels, this.integrity.lastOwnReport));
  }
}

function checkSubject(what: ExportKind, query: ExportQueryDto): void {
  const subject = EXPORT_SUBJECT[what];
  if (subject === 'none' && query.id !== undefined) throw new ProblemException('validation', `${what} is exported whole: leave out id`);
  if (subject === 'required' && query.id === undefined) throw new ProblemException('validation', `${what} is about one entity: give its id`);
  if (what !== 'then-and-now' && (query.report !== undefined || query.then !== undefined)) throw new ProblemException('validation', 'report and then are for then-and-now only');
  // The findings are filtered as GET /v1/findings filters them: by kind, entity, party and year.
  const filters = JOURNAL_FILTERS.filter((name) => query[name] !== undefined && !(what === 'findings' && FINDINGS_FILTERS.includes(name)));
  if (what !== 'journal' && filters.length > 0) throw new ProblemException('validation', `${filters.join(', ')} filter the journal only`);
  if (what !== 'findings' && (query.kind !== undefined || query.review !== undefined)) throw new ProblemException('validation', 'kind and review filter the findings only');
  if (what === 'findings' && query.entity !== undefined && !FINDING_ENTITY.test(query.entity)) {
    throw new ProblemException('validation', 'entity must be a stream id such as budget-azl-reintegratie-2024');
  }
}

const FINDINGS_FILTERS: readonly string[] = ['entity', 'party'];
const FINDING_ENTITY = /^(party|budget|programme|grant|procurement|contract|purchase|expense)-[a-z0-9][a-z0-9-]{1,63}$/;

function findingsFilterOf(query: ExportQueryDto): FindingsFilter {
  return {
    ...(query.kind !== undefined ? { kind: query.kind } : {}),
    ...(query.entity !== undefined ? { entity: query.entity } : {}),
    ...(query.party !== undefined ? { party: query.party } : {}),
    ...(query.year !== undefined ? { year: query.year } : {}),
    ...(query.review !== undefined ? { review: query.review } : {}),
  };
}

