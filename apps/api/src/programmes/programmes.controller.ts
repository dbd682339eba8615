import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityIdParam } from '../shared/entity-id.param';
import { END_PROGRAMME, ENROL_PARTICIPANTS, LAUNCH_PROGRAMME, RECORD_OUTCOMES } from '@geldstroom/application/commands/ledger.kinds';
import { CommandMeta, CommandResponse, dispatch, type HttpCommandMeta } from '../write/command-request';
import { EndProgrammeDto, EnrolParticipantsDto, LaunchProgrammeDto, RecordOutcomesDto } from '@geldstroom/application/commands/programmes.dto';

@ApiTags('programmes')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/programmes')
export class ProgrammesController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Launch a programme, optionally with a norm band per participant (ProgrammeLaunched)' })
  launch(@Body() dto: LaunchProgrammeDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, LAUNCH_PROGRAMME.toDispatch(dto, ''));
  }

  @Post(':id/participants')
  @ApiOperation({ summary: 'Enrol a number of participants (ParticipantsEnrolled)' })
  enrol(@EntityIdParam() id: string, @Body() dto: EnrolParticipantsDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, ENROL_PARTICIPANTS.toDispatch(dto, id));
  }

  @Post(':id/outcomes')
  @ApiOperation({ summary: 'Record outcomes, e.g. participants who found work (OutcomesRecorded)' })
  outcomes(@EntityIdParam() id: string, @Body() dto: RecordOutcomesDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, RECORD_OUTCOMES.toDispatch(dto, id));
  }

  @Post(':id/end')
  @ApiOperation({ summary: 'End a programme with a reason and whether it continues (ProgrammeEnded)' })
  end(@EntityIdParam() id: string, @Body() dto: EndProgrammeDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, END_PROGRAMME.toDispatch(dto, id));
  }
}
