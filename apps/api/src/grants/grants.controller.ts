import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityIdParam } from '../shared/entity-id.param';
import { AWARD_GRANT, PAY_GRANT_ADVANCE, RECLAIM_GRANT, SETTLE_GRANT, WITHDRAW_GRANT } from '@geldstroom/application/commands/money.kinds';
import { CommandMeta, CommandResponse, dispatch, type HttpCommandMeta } from '../write/command-request';
import { AwardGrantDto, PayGrantAdvanceDto, ReclaimGrantDto, SettleGrantDto, WithdrawGrantDto } from '@geldstroom/application/commands/grants.dto';

@ApiTags('grants')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/grants')
export class GrantsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Award a grant (GrantAwarded, subsidieverlening)' })
  award(@Body() dto: AwardGrantDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, AWARD_GRANT.toDispatch(dto, ''));
  }

  @Post(':id/payments')
  @ApiOperation({ summary: 'Pay an advance on a grant (GrantAdvancePaid, voorschot)' })
  pay(@EntityIdParam() id: string, @Body() dto: PayGrantAdvanceDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, PAY_GRANT_ADVANCE.toDispatch(dto, id));
  }

  @Post(':id/settlement')
  @ApiOperation({ summary: 'Settle a grant (GrantSettled, vaststelling)' })
  settle(@EntityIdParam() id: string, @Body() dto: SettleGrantDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, SETTLE_GRANT.toDispatch(dto, id));
  }

  @Post(':id/reclaims')
  @ApiOperation({ summary: 'Reclaim money from a grant (GrantReclaimed, terugvordering)' })
  reclaim(@EntityIdParam() id: string, @Body() dto: ReclaimGrantDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, RECLAIM_GRANT.toDispatch(dto, id));
  }

  @Post(':id/withdrawal')
  @ApiOperation({ summary: 'Withdraw a grant (GrantWithdrawn, intrekking)' })
  withdraw(@EntityIdParam() id: string, @Body() dto: WithdrawGrantDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, WITHDRAW_GRANT.toDispatch(dto, id));
  }
}
