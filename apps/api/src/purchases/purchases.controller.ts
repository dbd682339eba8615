import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityIdParam } from '../shared/entity-id.param';
import { CANCEL_PURCHASE, INVOICE_PURCHASE, PAY_PURCHASE, PURCHASE_TRAJECTORIES } from '@geldstroom/application/commands/money.kinds';
import { CommandMeta, CommandResponse, dispatch, type HttpCommandMeta } from '../write/command-request';
import { CancelPurchaseDto, InvoicePurchaseDto, PayPurchaseDto, PurchaseTrajectoriesDto } from '@geldstroom/application/commands/purchases.dto';

@ApiTags('purchases')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/purchases')
export class PurchasesController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Buy trajectories, hours, months, places or a lump sum: count × unit price (TrajectoriesPurchased)' })
  purchase(@Body() dto: PurchaseTrajectoriesDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, PURCHASE_TRAJECTORIES.toDispatch(dto, ''));
  }

  @Post(':id/invoices')
  @ApiOperation({ summary: 'Record an invoice for a purchase (PurchaseInvoiced)' })
  invoice(@EntityIdParam() id: string, @Body() dto: InvoicePurchaseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, INVOICE_PURCHASE.toDispatch(dto, id));
  }

  @Post(':id/payments')
  @ApiOperation({ summary: 'Record a payment for a purchase (PurchasePaid)' })
  pay(@EntityIdParam() id: string, @Body() dto: PayPurchaseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, PAY_PURCHASE.toDispatch(dto, id));
  }

  @Post(':id/cancellation')
  @ApiOperation({ summary: 'Cancel a purchase (PurchaseCancelled)' })
  cancel(@EntityIdParam() id: string, @Body() dto: CancelPurchaseDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatch(this.bus, meta, CANCEL_PURCHASE.toDispatch(dto, id));
  }
}
