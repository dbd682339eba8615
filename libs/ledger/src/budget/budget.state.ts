// The budget's state as folded from its live events, and its one derived figure.
import type { BudgetEvent } from './budget.events';

export interface BudgetState {
  readonly exists: boolean;
  readonly budgetId?: string;
  readonly ownerPartyId?: string;
  readonly fiscalYear?: number;
  readonly fundedCents: number;
  readonly amendedCents: number;
  readonly transferredInCents: number;
  readonly transferredOutCents: number;
  readonly allocatedCents: number;
  readonly fundingIds: readonly string[];
  readonly amendmentIds: readonly string[];
  readonly lineIds: readonly string[];
  /** Outgoing transfers; incoming ones are named by their sending budget's ids. */
  readonly transferIds: readonly string[];
}

export const budgetInitialState = (): BudgetState => ({
  exists: false,
  fundedCents: 0,
  amendedCents: 0,
  transferredInCents: 0,
  transferredOutCents: 0,
  allocatedCents: 0,
  fundingIds: [],
  amendmentIds: [],
  lineIds: [],
  transferIds: [],
});

/** Inflows and amendments, plus transfers in, minus transfers out (spending is elsewhere). */
export function currentBudgetCents(state: BudgetState): number {
  return state.fundedCents + state.amendedCents + state.transferredInCents - state.transferredOutCents;
}

export function evolveBudget(state: BudgetState, event: BudgetEvent): BudgetState {
  switch (event.type) {
    case 'BudgetOpened': {
      const { budgetId, ownerPartyId, fiscalYear } = event.data;
      return { ...budgetInitialState(), exists: true, budgetId, ownerPartyId, fiscalYear };
    }
    case 'BudgetFunded':
      return {
        ...state,
        fundedCents: state.fundedCents + event.data.amountCents,
        fundingIds: [...state.fundingIds, event.data.fundingId],
      };
    case 'BudgetAmended':
      return {
        ...state,
        amendedCents: state.amendedCents + event.data.amountCents,
        amendmentIds: [...state.amendmentIds, event.data.amendmentId],
      };
    case 'BudgetAllocated':
      return {
        ...state,
        allocatedCents: state.allocatedCents + event.data.amountCents,
        lineIds: [...state.lineIds, event.data.lineId],
      };
    case 'BudgetTransferredOut':
      return {
        ...state,
        transferredOutCents: state.transferredOutCents + event.data.amountCents,
        transferIds: [...state.transferIds, event.data.transferId],
      };
    case 'BudgetTransferredIn':
      return { ...state, transferredInCents: state.transferredInCents + event.data.amountCents };
    default:
      return state;
  }
}
