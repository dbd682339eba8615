import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityIdParam } from '../shared/entity-id.param';
import { AMEND_CONTRACT, AWARD_CONTRACT, END_CONTRACT, START_PROCUREMENT } from '@geldstroom/application/commands/money.kinds';
import { CommandMeta, CommandResponse, dispatch, type HttpCommandMeta } from '../write/command-request';
import { AmendContractDto, AwardContractDto, EndContractDto, StartProcurementDto } from '@geldstroom/application/commands/procurements.dto';

@ApiTags('procurement')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/procurements')
export class ProcurementsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Start a procurement with its procedure and estimated value (ProcurementStarted)' })
  start(@Body() dto: StartProcurementDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, START_PROCUREMENT.toDispatch(dto, ''));
  }

  @Post(':id/contracts')
  @ApiOperation({ summary: 'Award a contract with supplier, ceiling and term (ContractAwarded)' })
  award(@EntityIdParam() id: string, @Body() dto: AwardContractDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, AWARD_CONTRACT.toDispatch(dto, id));
  }
}

@ApiTags('procurement')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/contracts')
export class ContractsController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':id/amendments')
  @ApiOperation({ summary: 'Amend a contract: ceiling or term (ContractAmended)' })
  amend(@EntityIdParam() id: string, @Body() dto: AmendContractDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, AMEND_CONTRACT.toDispatch(dto, id));
  }

  @Post(':id/end')
  @ApiOperation({ summary: 'End a contract (ContractEnded)' })
  end(@EntityIdParam() id: string, @Body() dto: EndContractDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, END_CONTRACT.toDispatch(dto, id));
  }
}
