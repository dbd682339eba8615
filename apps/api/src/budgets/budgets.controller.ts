import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityIdParam } from '../shared/entity-id.param';
import { ALLOCATE_BUDGET, AMEND_BUDGET, FUND_BUDGET, OPEN_BUDGET, TRANSFER_BUDGET } from '@geldstroom/application/commands/ledger.kinds';
import { CommandMeta, CommandResponse, dispatch, type HttpCommandMeta } from '../write/command-request';
import { AllocateBudgetDto, AmendBudgetDto, FundBudgetDto, OpenBudgetDto, TransferBudgetDto } from '@geldstroom/application/commands/budgets.dto';

@ApiTags('budgets')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/budgets')
export class BudgetsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Open a budget for a party and fiscal year (BudgetOpened)' })
  open(@Body() dto: OpenBudgetDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, OPEN_BUDGET.toDispatch(dto, ''));
  }

  @Post(':id/fundings')
  @ApiOperation({ summary: 'Fund a budget from own means or an outside funder (BudgetFunded)' })
  fund(@EntityIdParam() id: string, @Body() dto: FundBudgetDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, FUND_BUDGET.toDispatch(dto, id));
  }

  @Post(':id/amendments')
  @ApiOperation({ summary: 'Amend a budget (BudgetAmended, begrotingswijziging)' })
  amend(@EntityIdParam() id: string, @Body() dto: AmendBudgetDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, AMEND_BUDGET.toDispatch(dto, id));
  }

  @Post(':id/allocations')
  @ApiOperation({ summary: 'Allocate a planned line of a budget (BudgetAllocated)' })
  allocate(@EntityIdParam() id: string, @Body() dto: AllocateBudgetDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, ALLOCATE_BUDGET.toDispatch(dto, id));
  }

  @Post(':id/transfers')
  @ApiOperation({ summary: 'Transfer money to another budget (BudgetTransferredOut and BudgetTransferredIn)' })
  transfer(@EntityIdParam() id: string, @Body() dto: TransferBudgetDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, TRANSFER_BUDGET.toDispatch(dto, id));
  }
}
