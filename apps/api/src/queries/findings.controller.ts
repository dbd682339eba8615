// Findings: the irregular but real facts of the ledger, each naming its events, as of any date.
import { Controller, Get, Query } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FINDING_KINDS, findings, loadProcurementThresholds, type FindingKind, type ProcurementThresholds } from '@geldstroom/projections';
import type { Configuration } from '../config/configuration';
import { ReadModels } from './projections.module';
import { cutRequest, QueryDto } from './query.dto';

/** Every finding names its events already: `explain` would add nothing. */
export class FindingsQueryDto extends OmitType(QueryDto, ['explain'] as const) {
  @ApiPropertyOptional({ enum: FINDING_KINDS, description: 'Only findings of this kind' })
  @IsOptional()
  @IsIn(FINDING_KINDS)
  kind?: FindingKind;
}

@ApiTags('findings')
@ApiBearerAuth()
@Controller('v1/findings')
export class FindingsController {
  private readonly thresholds: ProcurementThresholds;

  constructor(
    private readonly readModels: ReadModels,
    config: ConfigService<Configuration, true>,
  ) {
    // Read once at start: a missing or invalid thresholds file stops the API rather than
    // silently finding nothing.
    this.thresholds = loadProcurementThresholds(config.get('GELDSTROOM_THRESHOLDS_FILE', { infer: true }));
  }

  @Get()
  @ApiOperation({
    summary:
      'Every irregular but real fact: flags stored on events, and budget overruns, call-offs above a ceiling, procedures too light, split purchases, spending after a programme ended and payments without a commitment',
  })
  async list(@Query() query: FindingsQueryDto) {
    const reader = await this.readModels.current();
    return findings(reader, reader.resolveCut(cutRequest(query)), this.thresholds, query.kind ? { kind: query.kind } : {});
  }
}
