import type { FundingSource } from './budget.events';

export interface OpenBudget {
  readonly type: 'OpenBudget';
  readonly budgetId: string;
  readonly ownerPartyId: string;
  readonly name: string;
  readonly fiscalYear: number;
  readonly taakveld: string;
  readonly effectiveDate: string;
}

export interface FundBudget {
  readonly type: 'FundBudget';
  readonly budgetId: string;
  readonly fundingId: string;
  readonly source: FundingSource;
  /** Required for an outside funder; for own means it defaults to (and must be) the owner. */
  readonly funderPartyId?: string;
  readonly amountCents: number;
  readonly earmarkProgrammeId?: string;
  /** Only for an outside funder: the regulation it pays under (e.g. a SiSa code "SZW/G2"). */
  readonly regulationCode?: string;
  readonly effectiveDate: string;
}

export interface AmendBudget {
  readonly type: 'AmendBudget';
  readonly budgetId: string;
  readonly amendmentId: string;
  /** Signed, not zero. */
  readonly amountCents: number;
  readonly reason: string;
  readonly effectiveDate: string;
}

export interface AllocateBudget {
  readonly type: 'AllocateBudget';
  readonly budgetId: string;
  readonly lineId: string;
  readonly description: string;
  readonly amountCents: number;
  readonly effectiveDate: string;
}

/** Decided on the sending budget; the receiving budget gets the mirror. */
export interface TransferBudget {
  readonly type: 'TransferBudget';
  readonly budgetId: string;
  readonly transferId: string;
  readonly toBudgetId: string;
  readonly amountCents: number;
  readonly earmarkProgrammeId?: string;
  readonly effectiveDate: string;
}

export type BudgetCommand = OpenBudget | FundBudget | AmendBudget | AllocateBudget | TransferBudget;
