// The purchase's state folded from its live events.
import type { PurchaseCharge, PurchaseEvent } from './purchase.events';

export interface PurchaseState {
  readonly exists: boolean;
  readonly purchaseId?: string;
  readonly charge?: PurchaseCharge;
  readonly totalCents: number;
  readonly invoicedCents: number;
  readonly paidCents: number;
  readonly cancelled: boolean;
  readonly invoiceIds: readonly string[];
  readonly paymentIds: readonly string[];
}

export const purchaseInitialState = (): PurchaseState => ({
  exists: false,
  totalCents: 0,
  invoicedCents: 0,
  paidCents: 0,
  cancelled: false,
  invoiceIds: [],
  paymentIds: [],
});

export function evolvePurchase(state: PurchaseState, event: PurchaseEvent): PurchaseState {
  switch (event.type) {
    case 'TrajectoriesPurchased': {
      const { purchaseId, totalCents, budgetId, supplierPartyId, contractId, programmeId, budgetLineId } = event.data;
      const charge: PurchaseCharge = {
        budgetId,
        supplierPartyId,
        ...(contractId ? { contractId } : {}),
        ...(programmeId ? { programmeId } : {}),
        ...(budgetLineId ? { budgetLineId } : {}),
      };
      return { ...purchaseInitialState(), exists: true, purchaseId, charge, totalCents };
    }
    case 'PurchaseInvoiced':
      return {
        ...state,
        invoicedCents: state.invoicedCents + event.data.amountCents,
        invoiceIds: [...state.invoiceIds, event.data.invoiceId],
      };
    case 'PurchasePaid':
      return {
        ...state,
        paidCents: state.paidCents + event.data.amountCents,
        paymentIds: [...state.paymentIds, event.data.paymentId],
      };
    case 'PurchaseCancelled':
      return { ...state, cancelled: true };
    default:
      return state;
  }
}
