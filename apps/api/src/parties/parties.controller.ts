// Parties: municipalities, regions, joint arrangements, foundations, companies, the Rijk.
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegisterPartyDto } from '@geldstroom/application/commands/parties.dto';
import { REGISTER_PARTY } from '@geldstroom/application/commands/ledger.kinds';
import { CommandMeta, CommandResponse, dispatch, type HttpCommandMeta } from '../write/command-request';

@ApiTags('parties')
@Controller('v1/parties')
export class PartiesController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Register a party (PartyRegistered)' })
  @ApiCreatedResponse({ type: CommandResponse })
  register(@Body() dto: RegisterPartyDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, REGISTER_PARTY.toDispatch(dto, ''));
  }
}
