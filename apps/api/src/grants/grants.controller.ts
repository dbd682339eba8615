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
import { AwardGrantDto, PayGrantAdvanceDto, ReclaimGrantDto, SettleGrantDto, WithdrawGrantDto } from './grants.dto';

@ApiTags('grants')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/grants')
export class GrantsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Award a grant (GrantAwarded, subsidieverlening)' })
  award(@Body() dto: AwardGrantDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchCreate(this.bus, meta, 'grant', dto.grantId, dto, {
      type: 'AwardGrant',
      grantId: dto.grantId,
      budgetId: dto.budgetId,
      recipientPartyId: dto.recipientPartyId,
      ...(dto.programmeId ? { programmeId: dto.programmeId } : {}),
      ...(dto.budgetLineId ? { budgetLineId: dto.budgetLineId } : {}),
      amountCents: toCents(dto.amount),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/payments')
  @ApiOperation({ summary: 'Pay an advance on a grant (GrantAdvancePaid, voorschot)' })
  pay(@EntityIdParam() id: string, @Body() dto: PayGrantAdvanceDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'grant', id, dto.paymentId, dto, {
      type: 'PayGrantAdvance',
      grantId: id,
      paymentId: dto.paymentId,
      amountCents: toCents(dto.amount),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/settlement')
  @ApiOperation({ summary: 'Settle a grant (GrantSettled, vaststelling)' })
  settle(@EntityIdParam() id: string, @Body() dto: SettleGrantDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'grant', id, dto.settlementId, dto, {
      type: 'SettleGrant',
      grantId: id,
      settlementId: dto.settlementId,
      settledAmountCents: toCents(dto.settledAmount),
      ...(dto.reclaim
        ? { reclaim: { reclaimId: dto.reclaim.reclaimId, amountCents: toCents(dto.reclaim.amount), reason: dto.reclaim.reason } }
        : {}),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/reclaims')
  @ApiOperation({ summary: 'Reclaim money from a grant (GrantReclaimed, terugvordering)' })
  reclaim(@EntityIdParam() id: string, @Body() dto: ReclaimGrantDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'grant', id, dto.reclaimId, dto, {
      type: 'ReclaimGrant',
      grantId: id,
      reclaimId: dto.reclaimId,
      amountCents: toCents(dto.amount),
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/withdrawal')
  @ApiOperation({ summary: 'Withdraw a grant (GrantWithdrawn, intrekking)' })
  withdraw(@EntityIdParam() id: string, @Body() dto: WithdrawGrantDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'grant', id, dto.withdrawalId, dto, {
      type: 'WithdrawGrant',
      grantId: id,
      withdrawalId: dto.withdrawalId,
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    });
  }
}
