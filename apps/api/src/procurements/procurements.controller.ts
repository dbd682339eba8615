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
import { AmendContractDto, AwardContractDto, EndContractDto, StartProcurementDto } from './procurements.dto';

@ApiTags('procurement')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/procurements')
export class ProcurementsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Start a procurement with its procedure and estimated value (ProcurementStarted)' })
  start(@Body() dto: StartProcurementDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchCreate(this.bus, meta, 'procurement', dto.procurementId, dto, {
      type: 'StartProcurement',
      procurementId: dto.procurementId,
      buyerPartyId: dto.buyerPartyId,
      subject: dto.subject,
      procedure: dto.procedure,
      estimatedValueCents: toCents(dto.estimatedValue),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/contracts')
  @ApiOperation({ summary: 'Award a contract with supplier, ceiling and term (ContractAwarded)' })
  award(@EntityIdParam() id: string, @Body() dto: AwardContractDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'procurement', id, dto.contractId, dto, {
      type: 'AwardContract',
      procurementId: id,
      contractId: dto.contractId,
      supplierPartyId: dto.supplierPartyId,
      ceilingCents: toCents(dto.ceiling),
      termStart: dto.termStart,
      termEnd: dto.termEnd,
      ...(dto.optionMonths !== undefined ? { optionMonths: dto.optionMonths } : {}),
      effectiveDate: dto.effectiveDate,
    });
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
    return dispatchOn(this.bus, meta, 'contract', id, dto.amendmentId, dto, {
      type: 'AmendContract',
      contractId: id,
      amendmentId: dto.amendmentId,
      ceilingCents: toCents(dto.ceiling),
      ...(dto.termEnd ? { termEnd: dto.termEnd } : {}),
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/end')
  @ApiOperation({ summary: 'End a contract (ContractEnded)' })
  end(@EntityIdParam() id: string, @Body() dto: EndContractDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'contract', id, 'end', dto, {
      type: 'EndContract',
      contractId: id,
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    });
  }
}
