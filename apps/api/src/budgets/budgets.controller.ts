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
import { AllocateBudgetDto, AmendBudgetDto, FundBudgetDto, OpenBudgetDto, TransferBudgetDto } from './budgets.dto';

@ApiTags('budgets')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/budgets')
export class BudgetsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Open a budget for a party and fiscal year (BudgetOpened)' })
  open(@Body() dto: OpenBudgetDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchCreate(this.bus, meta, 'budget', dto.budgetId, dto, {
      type: 'OpenBudget',
      budgetId: dto.budgetId,
      ownerPartyId: dto.ownerPartyId,
      name: dto.name,
      fiscalYear: dto.fiscalYear,
      taakveld: dto.taakveld,
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/fundings')
  @ApiOperation({ summary: 'Fund a budget from own means or an outside funder (BudgetFunded)' })
  fund(@EntityIdParam() id: string, @Body() dto: FundBudgetDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'budget', id, dto.fundingId, dto, {
      type: 'FundBudget',
      budgetId: id,
      fundingId: dto.fundingId,
      source: dto.source,
      ...(dto.funderPartyId ? { funderPartyId: dto.funderPartyId } : {}),
      amountCents: toCents(dto.amount),
      ...(dto.earmarkProgrammeId ? { earmarkProgrammeId: dto.earmarkProgrammeId } : {}),
      ...(dto.regulationCode ? { regulationCode: dto.regulationCode } : {}),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/amendments')
  @ApiOperation({ summary: 'Amend a budget (BudgetAmended, begrotingswijziging)' })
  amend(@EntityIdParam() id: string, @Body() dto: AmendBudgetDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'budget', id, dto.amendmentId, dto, {
      type: 'AmendBudget',
      budgetId: id,
      amendmentId: dto.amendmentId,
      amountCents: toCents(dto.amount, { allowNegative: true }),
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/allocations')
  @ApiOperation({ summary: 'Allocate a planned line of a budget (BudgetAllocated)' })
  allocate(@EntityIdParam() id: string, @Body() dto: AllocateBudgetDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'budget', id, dto.lineId, dto, {
      type: 'AllocateBudget',
      budgetId: id,
      lineId: dto.lineId,
      description: dto.description,
      amountCents: toCents(dto.amount),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/transfers')
  @ApiOperation({ summary: 'Transfer money to another budget (BudgetTransferredOut and BudgetTransferredIn)' })
  transfer(@EntityIdParam() id: string, @Body() dto: TransferBudgetDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'budget', id, dto.transferId, dto, {
      type: 'TransferBudget',
      budgetId: id,
      transferId: dto.transferId,
      toBudgetId: dto.toBudgetId,
      amountCents: toCents(dto.amount),
      ...(dto.earmarkProgrammeId ? { earmarkProgrammeId: dto.earmarkProgrammeId } : {}),
      effectiveDate: dto.effectiveDate,
    });
  }
}
