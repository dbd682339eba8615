// Grants after Awb title 4.2: verlening (award), voorschot (advance), vaststelling (settlement),
// terugvordering (reclaim), intrekking (withdrawal). Every money event names what it is charged
// to, so a projection needs no join to know the budget, the recipient and the programme.
import type { Cents } from '../money/money';
import type { DomainEvent } from '../shared/decider';
import type { Flag } from '../shared/flags';

export const GRANT_EVENT_TYPES = ['GrantAwarded', 'GrantAdvancePaid', 'GrantSettled', 'GrantReclaimed', 'GrantWithdrawn'] as const;

/** Where a grant's money comes from and goes to; copied from the award onto every money event. */
// A type, not an interface: event data must be indexable as plain JSON.
export type GrantCharge = {
  readonly budgetId: string;
  readonly recipientPartyId: string;
  readonly programmeId?: string;
  /** The budget's allocation line, when the recorder names one. */
  readonly budgetLineId?: string;
};

export type GrantAwarded = DomainEvent<
  'GrantAwarded',
  GrantCharge & { readonly grantId: string; readonly amountCents: Cents; readonly effectiveDate: string }
>;

/** A payment on the grant: an advance before settlement, the payment of the rest after it. */
export type GrantAdvancePaid = DomainEvent<
  'GrantAdvancePaid',
  GrantCharge & {
    readonly grantId: string;
    readonly paymentId: string;
    readonly amountCents: Cents;
    readonly effectiveDate: string;
    readonly flags?: Flag[];
  }
>;

export type GrantSettled = DomainEvent<
  'GrantSettled',
  GrantCharge & {
    readonly grantId: string;
    readonly settlementId: string;
    /** May be zero: a vaststelling op nihil. */
    readonly settledAmountCents: Cents;
    readonly effectiveDate: string;
    readonly flags?: Flag[];
  }
>;

/** Money coming back from the recipient to the budget. */
export type GrantReclaimed = DomainEvent<
  'GrantReclaimed',
  GrantCharge & {
    readonly grantId: string;
    readonly reclaimId: string;
    readonly amountCents: Cents;
    readonly reason: string;
    readonly effectiveDate: string;
  }
>;

/** The grant ends: no more payments. Money already paid stays paid until it is reclaimed. */
export type GrantWithdrawn = DomainEvent<
  'GrantWithdrawn',
  { readonly grantId: string; readonly withdrawalId: string; readonly reason: string; readonly effectiveDate: string }
>;

export type GrantEvent = GrantAwarded | GrantAdvancePaid | GrantSettled | GrantReclaimed | GrantWithdrawn;
