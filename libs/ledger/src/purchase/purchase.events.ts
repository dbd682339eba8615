// Trajectory purchases (inkoop trajecten): count × unit price for a target group, invoiced and
// paid. Every money event names the budget charged, the supplier paid and, when given, the
// programme served and the contract called off.
import type { Cents } from '../money/money';
import type { DomainEvent } from '../shared/decider';
import type { Flag } from '../shared/flags';

export const PURCHASE_EVENT_TYPES = ['TrajectoriesPurchased', 'PurchaseInvoiced', 'PurchasePaid', 'PurchaseCancelled'] as const;

/** A type, not an interface: event data must be indexable as plain JSON. */
export type PurchaseCharge = {
  readonly budgetId: string;
  readonly supplierPartyId: string;
  readonly contractId?: string;
  readonly programmeId?: string;
  readonly budgetLineId?: string;
};

/** What a purchase counts: a trajectory (the default), hours of coaching, months, participants, a lump sum. */
export const PURCHASE_UNITS = ['trajectory', 'hour', 'month', 'participant', 'lump-sum'] as const;
export type PurchaseUnit = (typeof PURCHASE_UNITS)[number];

/** The order: a commitment (obligo) of totalCents until invoiced and paid. */
export type TrajectoriesPurchased = DomainEvent<
  'TrajectoriesPurchased',
  PurchaseCharge & {
    readonly purchaseId: string;
    readonly count: number;
    /** Absent on orders recorded before units were named: trajectories. */
    readonly unit?: PurchaseUnit;
    readonly unitPriceCents: Cents;
    /** count × unitPriceCents, computed by the decider. */
    readonly totalCents: Cents;
    /** A description of the group, never of a person. */
    readonly targetGroup: string;
    readonly effectiveDate: string;
  }
>;

export type PurchaseInvoiced = DomainEvent<
  'PurchaseInvoiced',
  PurchaseCharge & {
    readonly purchaseId: string;
    readonly invoiceId: string;
    readonly amountCents: Cents;
    readonly effectiveDate: string;
    readonly flags?: Flag[];
  }
>;

export type PurchasePaid = DomainEvent<
  'PurchasePaid',
  PurchaseCharge & {
    readonly purchaseId: string;
    readonly paymentId: string;
    readonly amountCents: Cents;
    readonly effectiveDate: string;
    readonly flags?: Flag[];
  }
>;

/** What is not yet invoiced is no longer committed; invoices already received can still be paid. */
export type PurchaseCancelled = DomainEvent<
  'PurchaseCancelled',
  { readonly purchaseId: string; readonly reason: string; readonly effectiveDate: string }
>;

export type PurchaseEvent = TrajectoriesPurchased | PurchaseInvoiced | PurchasePaid | PurchaseCancelled;
