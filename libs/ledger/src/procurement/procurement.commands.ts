import type { ProcurementProcedure } from './procurement.events';

export interface StartProcurement {
  readonly type: 'StartProcurement';
  readonly procurementId: string;
  readonly buyerPartyId: string;
  readonly subject: string;
  readonly procedure: ProcurementProcedure;
  readonly estimatedValueCents: number;
  readonly effectiveDate: string;
}

/** Decided on the procurement; the contract's stream `contract-<contractId>` gets the mirror. */
export interface AwardContract {
  readonly type: 'AwardContract';
  readonly procurementId: string;
  readonly contractId: string;
  readonly supplierPartyId: string;
  readonly ceilingCents: number;
  readonly termStart: string;
  readonly termEnd: string;
  readonly optionMonths?: number;
  readonly effectiveDate: string;
}

export type ProcurementCommand = StartProcurement | AwardContract;
