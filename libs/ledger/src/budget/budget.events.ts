// Budgets (begrotingsposten): opened, funded by inflows, amended, allocated in lines, and
// transferred to other budgets. A transfer writes both streams: out here, in on the target.
import type { Cents } from '../money/money';
import type { DomainEvent } from '../shared/decider';
import type { Flag } from '../shared/flags';

export const FUNDING_SOURCES = ['own-means', 'outside-funder'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const BUDGET_EVENT_TYPES = [
  'BudgetOpened',
  'BudgetFunded',
  'BudgetAmended',
  'BudgetAllocated',
  'BudgetTransferredOut',
  'BudgetTransferredIn',
] as const;

export type BudgetOpened = DomainEvent<
  'BudgetOpened',
  {
    readonly budgetId: string;
    readonly ownerPartyId: string;
    readonly name: string;
    readonly fiscalYear: number;
    /** Iv3 taakveld, e.g. "6.4". */
    readonly taakveld: string;
    readonly effectiveDate: string;
  }
>;

/** Money entering the ledger (eigen middelen, rijksmiddelen): the funder is always named. */
export type BudgetFunded = DomainEvent<
  'BudgetFunded',
  {
    readonly budgetId: string;
    readonly fundingId: string;
    readonly source: FundingSource;
    /** For own means: the budget's owner. */
    readonly funderPartyId: string;
    readonly amountCents: Cents;
    /** Drawn first by this programme's spending (see the design's "who paid"). */
    readonly earmarkProgrammeId?: string;
    /**
     * For an outside funder: the regulation the money is paid under, as the funder codes it (a
     * SiSa uitkeringscode such as "SZW/G2"). Who paid then keeps it apart from the funder's other
     * money, so it can be accounted for on its own.
     */
    readonly regulationCode?: string;
    readonly effectiveDate: string;
  }
>;

export type BudgetAmended = DomainEvent<
  'BudgetAmended',
  {
    readonly budgetId: string;
    readonly amendmentId: string;
    /** Signed: a begrotingswijziging raises or lowers the budget. */
    readonly amountCents: Cents;
    readonly reason: string;
    readonly effectiveDate: string;
    readonly flags?: Flag[];
  }
>;

export type BudgetAllocated = DomainEvent<
  'BudgetAllocated',
  {
    readonly budgetId: string;
    readonly lineId: string;
    readonly description: string;
    readonly amountCents: Cents;
    readonly effectiveDate: string;
    readonly flags?: Flag[];
  }
>;

export type BudgetTransferredOut = DomainEvent<
  'BudgetTransferredOut',
  {
    readonly budgetId: string;
    readonly transferId: string;
    readonly toBudgetId: string;
    readonly amountCents: Cents;
    readonly earmarkProgrammeId?: string;
    readonly effectiveDate: string;
    readonly flags?: Flag[];
  }
>;

/** The mirror of a BudgetTransferredOut, written on the receiving budget's stream. */
export type BudgetTransferredIn = DomainEvent<
  'BudgetTransferredIn',
  {
    readonly budgetId: string;
    readonly transferId: string;
    readonly fromBudgetId: string;
    readonly amountCents: Cents;
    readonly earmarkProgrammeId?: string;
    readonly effectiveDate: string;
  }
>;

export type BudgetEvent =
  | BudgetOpened
  | BudgetFunded
  | BudgetAmended
  | BudgetAllocated
  | BudgetTransferredOut
  | BudgetTransferredIn;
