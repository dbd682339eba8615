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
import { CancelPurchaseDto, InvoicePurchaseDto, PayPurchaseDto, PurchaseTrajectoriesDto } from './purchases.dto';

@ApiTags('purchases')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/purchases')
export class PurchasesController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Buy trajectories, hours, months, places or a lump sum: count × unit price (TrajectoriesPurchased)' })
  purchase(@Body() dto: PurchaseTrajectoriesDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchCreate(this.bus, meta, 'purchase', dto.purchaseId, dto, {
      type: 'PurchaseTrajectories',
      purchaseId: dto.purchaseId,
      budgetId: dto.budgetId,
      supplierPartyId: dto.supplierPartyId,
      count: dto.count,
      ...(dto.unit ? { unit: dto.unit } : {}),
      unitPriceCents: toCents(dto.unitPrice),
      targetGroup: dto.targetGroup,
      ...(dto.contractId ? { contractId: dto.contractId } : {}),
      ...(dto.programmeId ? { programmeId: dto.programmeId } : {}),
      ...(dto.budgetLineId ? { budgetLineId: dto.budgetLineId } : {}),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/invoices')
  @ApiOperation({ summary: 'Record an invoice for a purchase (PurchaseInvoiced)' })
  invoice(@EntityIdParam() id: string, @Body() dto: InvoicePurchaseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'purchase', id, dto.invoiceId, dto, {
      type: 'InvoicePurchase',
      purchaseId: id,
      invoiceId: dto.invoiceId,
      amountCents: toCents(dto.amount),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/payments')
  @ApiOperation({ summary: 'Record a payment for a purchase (PurchasePaid)' })
  pay(@EntityIdParam() id: string, @Body() dto: PayPurchaseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'purchase', id, dto.paymentId, dto, {
      type: 'PayPurchase',
      purchaseId: id,
      paymentId: dto.paymentId,
      amountCents: toCents(dto.amount),
      effectiveDate: dto.effectiveDate,
    });
  }

  @Post(':id/cancellation')
  @ApiOperation({ summary: 'Cancel a purchase (PurchaseCancelled)' })
  cancel(@EntityIdParam() id: string, @Body() dto: CancelPurchaseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchOn(this.bus, meta, 'purchase', id, 'cancel', dto, {
      type: 'CancelPurchase',
      purchaseId: id,
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    });
  }
}
