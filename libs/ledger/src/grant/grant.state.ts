// The grant's state folded from its live events.
import type { GrantCharge, GrantEvent } from './grant.events';

export interface GrantState {
  readonly exists: boolean;
  readonly grantId?: string;
  readonly charge?: GrantCharge;
  readonly awardedOn?: string;
  readonly grantedCents: number;
  readonly paidCents: number;
  readonly reclaimedCents: number;
  readonly settledCents?: number;
  readonly withdrawn: boolean;
  readonly paymentIds: readonly string[];
  readonly reclaimIds: readonly string[];
}

export const grantInitialState = (): GrantState => ({
  exists: false,
  grantedCents: 0,
  paidCents: 0,
  reclaimedCents: 0,
  withdrawn: false,
  paymentIds: [],
  reclaimIds: [],
});

/** Paid minus reclaimed: what the recipient holds. */
export const netPaidCents = (state: GrantState): number => state.paidCents - state.reclaimedCents;

export function evolveGrant(state: GrantState, event: GrantEvent): GrantState {
  switch (event.type) {
    case 'GrantAwarded': {
      const { grantId, amountCents, effectiveDate, budgetId, recipientPartyId, programmeId, budgetLineId } = event.data;
      const charge: GrantCharge = {
        budgetId,
        recipientPartyId,
        ...(programmeId ? { programmeId } : {}),
        ...(budgetLineId ? { budgetLineId } : {}),
      };
      return { ...grantInitialState(), exists: true, grantId, charge, grantedCents: amountCents, awardedOn: effectiveDate };
    }
    case 'GrantAdvancePaid':
      return {
        ...state,
        paidCents: state.paidCents + event.data.amountCents,
        paymentIds: [...state.paymentIds, event.data.paymentId],
      };
    case 'GrantSettled':
      return { ...state, settledCents: event.data.settledAmountCents };
    case 'GrantReclaimed':
      return {
        ...state,
        reclaimedCents: state.reclaimedCents + event.data.amountCents,
        reclaimIds: [...state.reclaimIds, event.data.reclaimId],
      };
    case 'GrantWithdrawn':
      return { ...state, withdrawn: true };
    default:
      return state;
  }
}
