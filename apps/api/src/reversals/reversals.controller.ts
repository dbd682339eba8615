// Corrections: nothing is ever edited; a wrong event is reversed by an event that names it.
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReverseEntryDto } from '@geldstroom/application/commands/reversals.dto';
import { REVERSE_ENTRY } from '@geldstroom/application/commands/own-costs.kinds';
import { CommandMeta, CommandResponse, dispatch, type HttpCommandMeta } from '../write/command-request';

@ApiTags('corrections')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/reversals')
export class ReversalsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Reverse an event by a correcting event that names it and why (EntryReversed)' })
  reverse(@Body() dto: ReverseEntryDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, REVERSE_ENTRY.toDispatch(dto, ''));
  }
}
