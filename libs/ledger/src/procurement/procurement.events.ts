// Procurement (aanbesteding) and its award (gunning). The award is written here and mirrored
// on the contract's own stream, which then carries the contract's amendments and end.
import type { Cents } from '../money/money';
import type { DomainEvent } from '../shared/decider';

/** From light to heavy; which one a value requires is dated threshold data, never code. */
export const PROCUREMENT_PROCEDURES = ['single-quote', 'multiple-quote', 'national', 'european', 'social-services'] as const;
export type ProcurementProcedure = (typeof PROCUREMENT_PROCEDURES)[number];

export const PROCUREMENT_EVENT_TYPES = ['ProcurementStarted', 'ContractAwarded'] as const;

export type ProcurementStarted = DomainEvent<
  'ProcurementStarted',
  {
    readonly procurementId: string;
    readonly buyerPartyId: string;
    readonly subject: string;
    readonly procedure: ProcurementProcedure;
    /** Over the whole term with options, excl. VAT: the value a threshold is compared with. */
    readonly estimatedValueCents: Cents;
    readonly effectiveDate: string;
  }
>;

/**
 * Carries the buyer and the procedure too, so the contract stream (where this event is
 * mirrored) holds everything a provider-spend or findings projection needs about the contract.
 */
export type ContractAwarded = DomainEvent<
  'ContractAwarded',
  {
    readonly procurementId: string;
    readonly contractId: string;
    readonly buyerPartyId: string;
    readonly supplierPartyId: string;
    readonly procedure: ProcurementProcedure;
    readonly ceilingCents: Cents;
    readonly termStart: string;
    readonly termEnd: string;
    /** Months the term may be extended by options; counts toward the contract's value. */
    readonly optionMonths?: number;
    readonly effectiveDate: string;
  }
>;

export type ProcurementEvent = ProcurementStarted | ContractAwarded;
