// The kinds of money going out: grants, procurements and contracts, purchases.
import { DEFAULT_CANCELLATION_ID, DEFAULT_END_ID } from './command.dto';
import { commandKind, create, on } from './command-kind';
import { AwardGrantDto, PayGrantAdvanceDto, ReclaimGrantDto, SettleGrantDto, WithdrawGrantDto } from './grants.dto';
import { toCents } from './money';
import { AmendContractDto, AwardContractDto, EndContractDto, StartProcurementDto } from './procurements.dto';
import { CancelPurchaseDto, InvoicePurchaseDto, PayPurchaseDto, PurchaseTrajectoriesDto } from './purchases.dto';

export const AWARD_GRANT = commandKind({
  kind: 'award-grant',
  path: '/v1/grants',
  dto: AwardGrantDto,
  toDispatch: (dto) =>
    create('grant', dto.grantId, dto, {
      type: 'AwardGrant',
      grantId: dto.grantId,
      budgetId: dto.budgetId,
      recipientPartyId: dto.recipientPartyId,
      ...(dto.programmeId ? { programmeId: dto.programmeId } : {}),
      ...(dto.budgetLineId ? { budgetLineId: dto.budgetLineId } : {}),
      amountCents: toCents(dto.amount),
      effectiveDate: dto.effectiveDate,
    }),
});

export const PAY_GRANT_ADVANCE = commandKind({
  kind: 'pay-grant-advance',
  path: '/v1/grants/:id/payments',
  dto: PayGrantAdvanceDto,
  toDispatch: (dto, id) =>
    on('grant', id, dto.paymentId, dto, { type: 'PayGrantAdvance', grantId: id, paymentId: dto.paymentId, amountCents: toCents(dto.amount), effectiveDate: dto.effectiveDate }),
});

export const SETTLE_GRANT = commandKind({
  kind: 'settle-grant',
  path: '/v1/grants/:id/settlement',
  dto: SettleGrantDto,
  toDispatch: (dto, id) =>
    on('grant', id, dto.settlementId, dto, {
      type: 'SettleGrant',
      grantId: id,
      settlementId: dto.settlementId,
      settledAmountCents: toCents(dto.settledAmount),
      ...(dto.reclaim ? { reclaim: { reclaimId: dto.reclaim.reclaimId, amountCents: toCents(dto.reclaim.amount), reason: dto.reclaim.reason } } : {}),
      effectiveDate: dto.effectiveDate,
    }),
});

export const RECLAIM_GRANT = commandKind({
  kind: 'reclaim-grant',
  path: '/v1/grants/:id/reclaims',
  dto: ReclaimGrantDto,
  toDispatch: (dto, id) =>
    on('grant', id, dto.reclaimId, dto, {
      type: 'ReclaimGrant',
      grantId: id,
      reclaimId: dto.reclaimId,
      amountCents: toCents(dto.amount),
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    }),
});

export const WITHDRAW_GRANT = commandKind({
  kind: 'withdraw-grant',
  path: '/v1/grants/:id/withdrawal',
  dto: WithdrawGrantDto,
  toDispatch: (dto, id) =>
    on('grant', id, dto.withdrawalId, dto, { type: 'WithdrawGrant', grantId: id, withdrawalId: dto.withdrawalId, reason: dto.reason, effectiveDate: dto.effectiveDate }),
});

export const START_PROCUREMENT = commandKind({
  kind: 'start-procurement',
  path: '/v1/procurements',
  dto: StartProcurementDto,
  toDispatch: (dto) =>
    create('procurement', dto.procurementId, dto, {
      type: 'StartProcurement',
      procurementId: dto.procurementId,
      buyerPartyId: dto.buyerPartyId,
      subject: dto.subject,
      procedure: dto.procedure,
      estimatedValueCents: toCents(dto.estimatedValue),
      effectiveDate: dto.effectiveDate,
    }),
});

export const AWARD_CONTRACT = commandKind({
  kind: 'award-contract',
  path: '/v1/procurements/:id/contracts',
  dto: AwardContractDto,
  toDispatch: (dto, id) =>
    on('procurement', id, dto.contractId, dto, {
      type: 'AwardContract',
      procurementId: id,
      contractId: dto.contractId,
      supplierPartyId: dto.supplierPartyId,
      ceilingCents: toCents(dto.ceiling),
      termStart: dto.termStart,
      termEnd: dto.termEnd,
      ...(dto.optionMonths !== undefined ? { optionMonths: dto.optionMonths } : {}),
      effectiveDate: dto.effectiveDate,
    }),
});

export const AMEND_CONTRACT = commandKind({
  kind: 'amend-contract',
  path: '/v1/contracts/:id/amendments',
  dto: AmendContractDto,
  toDispatch: (dto, id) =>
    on('contract', id, dto.amendmentId, dto, {
      type: 'AmendContract',
      contractId: id,
      amendmentId: dto.amendmentId,
      ceilingCents: toCents(dto.ceiling),
      ...(dto.termEnd ? { termEnd: dto.termEnd } : {}),
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    }),
});

export const END_CONTRACT = commandKind({
  kind: 'end-contract',
  path: '/v1/contracts/:id/end',
  dto: EndContractDto,
  toDispatch: (dto, id) => on('contract', id, dto.endId ?? DEFAULT_END_ID, dto, { type: 'EndContract', contractId: id, reason: dto.reason, effectiveDate: dto.effectiveDate }),
});

export const PURCHASE_TRAJECTORIES = commandKind({
  kind: 'purchase-trajectories',
  path: '/v1/purchases',
  dto: PurchaseTrajectoriesDto,
  toDispatch: (dto) =>
    create('purchase', dto.purchaseId, dto, {
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
    }),
});

export const INVOICE_PURCHASE = commandKind({
  kind: 'invoice-purchase',
  path: '/v1/purchases/:id/invoices',
  dto: InvoicePurchaseDto,
  toDispatch: (dto, id) =>
    on('purchase', id, dto.invoiceId, dto, { type: 'InvoicePurchase', purchaseId: id, invoiceId: dto.invoiceId, amountCents: toCents(dto.amount), effectiveDate: dto.effectiveDate }),
});

export const PAY_PURCHASE = commandKind({
  kind: 'pay-purchase',
  path: '/v1/purchases/:id/payments',
  dto: PayPurchaseDto,
  toDispatch: (dto, id) =>
    on('purchase', id, dto.paymentId, dto, { type: 'PayPurchase', purchaseId: id, paymentId: dto.paymentId, amountCents: toCents(dto.amount), effectiveDate: dto.effectiveDate }),
});

export const CANCEL_PURCHASE = commandKind({
  kind: 'cancel-purchase',
  path: '/v1/purchases/:id/cancellation',
  dto: CancelPurchaseDto,
  toDispatch: (dto, id) => on('purchase', id, dto.cancellationId ?? DEFAULT_CANCELLATION_ID, dto, { type: 'CancelPurchase', purchaseId: id, reason: dto.reason, effectiveDate: dto.effectiveDate }),
});
