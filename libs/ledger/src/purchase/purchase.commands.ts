import type { PurchaseUnit } from './purchase.events';

export interface PurchaseTrajectories {
  readonly type: 'PurchaseTrajectories';
  readonly purchaseId: string;
  readonly budgetId: string;
  readonly supplierPartyId: string;
  readonly count: number;
  /** What is counted: trajectories when not said (as every purchase before units were named). */
  readonly unit?: PurchaseUnit;
  readonly unitPriceCents: number;
  readonly targetGroup: string;
  readonly contractId?: string;
  readonly programmeId?: string;
  readonly budgetLineId?: string;
  readonly effectiveDate: string;
}

export interface InvoicePurchase {
  readonly type: 'InvoicePurchase';
  readonly purchaseId: string;
  readonly invoiceId: string;
  readonly amountCents: number;
  readonly effectiveDate: string;
}

export interface PayPurchase {
  readonly type: 'PayPurchase';
  readonly purchaseId: string;
  readonly paymentId: string;
  readonly amountCents: number;
  readonly effectiveDate: string;
}

export interface CancelPurchase {
  readonly type: 'CancelPurchase';
  readonly purchaseId: string;
  readonly reason: string;
  readonly effectiveDate: string;
}

export type PurchaseCommand = PurchaseTrajectories | InvoicePurchase | PayPurchase | CancelPurchase;
