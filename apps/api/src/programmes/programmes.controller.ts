import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityIdParam } from '../shared/entity-id.param';
import { toCents } from '../shared/money';
import {
  CommandMeta,
  CommandResponse,
  dispatchCreate,
  dispatchOn,
  type HttpCommandMeta,
} from '../write/command-request';
import { DEFAULT_END_ID, EndProgrammeDto, EnrolParticipantsDto, LaunchProgrammeDto, RecordOutcomesDto } from './programmes.dto';

@ApiTags('programmes')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/programmes')
export class ProgrammesController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Launch a programme, optionally with a norm band per participant (ProgrammeLaunched)' })
  launch(@Body() dto: LaunchProgrammeDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchCreate(this.bus, meta, 'programme', dto.programmeId, dto, {
      type: 'LaunchProgramme',
      programmeId: dto.programmeId,
      ownerPartyId: dto.ownerPartyId,
      name: dto.name,
      ...(dto.normBand
        ? { normBand: { minCents: toCents(dto.normBand.min), maxCents: toCents(dto.normBand.max), ...(dto.normBand.source !== undefined ? { source: dto.normBand.source } : {}) } }
        : {}),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/participants')
  @ApiOperation({ summary: 'Enrol a number of participants (ParticipantsEnrolled)' })
  enrol(@EntityIdParam() id: string, @Body() dto: EnrolParticipantsDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'programme', id, dto.enrolmentId, dto, {
      type: 'EnrolParticipants',
      programmeId: id,
      enrolmentId: dto.enrolmentId,
      count: dto.count,
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/outcomes')
  @ApiOperation({ summary: 'Record outcomes, e.g. participants who found work (OutcomesRecorded)' })
  outcomes(@EntityIdParam() id: string, @Body() dto: RecordOutcomesDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'programme', id, dto.outcomeId, dto, {
      type: 'RecordOutcomes',
      programmeId: id,
      outcomeId: dto.outcomeId,
      kind: dto.kind,
      count: dto.count,
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/end')
  @ApiOperation({ summary: 'End a programme with a reason and whether it continues (ProgrammeEnded)' })
  end(@EntityIdParam() id: string, @Body() dto: EndProgrammeDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'programme', id, dto.endId ?? DEFAULT_END_ID, dto, {
      type: 'EndProgramme',
      programmeId: id,
      reason: dto.reason,
      continued: dto.continued,
      effectiveDate: dto.effectiveDate,
    });
  }
}
