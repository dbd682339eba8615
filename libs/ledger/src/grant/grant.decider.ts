// Awb 4.2 in events. Refused: anything on a grant that does not exist, payments on a withdrawn
// grant, a second settlement, a settlement below what was paid without the reclaim of the
// difference, reclaiming more than was paid. Recorded with a flag: payments above the granted
// or settled amount, a settlement above the granted amount.
import { accept, refuseWith, type Decision, type References } from '../shared/decider';
import {
  checkAmount, checkDate, checkExisting, checkId, checkOptionalId, checkText, checkTotal, checkUnused,
  firstRefusal, refusal,
} from '../shared/checks';
import { isBefore } from '../shared/dates';
import { FLAGS, flagged } from '../shared/flags';
import { streamId } from '../shared/ids';
import { asCents, formatMoney } from '../money/money';
import { withReversals } from '../reversal/with-reversals';
import { checkSpendingReferences } from '../budget/budget-charge';
import type { AwardGrant, GrantCommand, PayGrantAdvance, ReclaimGrant, SettleGrant, WithdrawGrant } from './grant.commands';
import type { GrantEvent, GrantReclaimed } from './grant.events';
import { evolveGrant, grantInitialState, netPaidCents, type GrantState } from './grant.state';

export const grantDecider = withReversals<GrantCommand, GrantEvent, GrantState>({
  category: 'grant',
  initialState: grantInitialState,
  evolve: evolveGrant,
  references: (command) =>
    command.type === 'AwardGrant'
      ? [
          streamId('budget', command.budgetId),
          streamId('party', command.recipientPartyId),
          ...(command.programmeId ? [streamId('programme', command.programmeId)] : []),
        ]
      : [],
  decide: (command, state, references) => {
    switch (command.type) {
      case 'AwardGrant':
        return award(command, state, references);
      case 'PayGrantAdvance':
        return pay(command, state);
      case 'SettleGrant':
        return settle(command, state);
      case 'ReclaimGrant':
        return reclaim(command, state);
      case 'WithdrawGrant':
        return withdraw(command, state);
      default:
        return refuseWith(refusal('invalid-value', `a grant does not take ${(command as { type: string }).type}`, 'type'));
    }
  },
});

function award(command: AwardGrant, state: GrantState, references: References): Decision<GrantEvent> {
  const invalid = firstRefusal(
    checkId(command.grantId, 'grantId'),
    checkId(command.budgetId, 'budgetId'),
    checkId(command.recipientPartyId, 'recipientPartyId'),
    checkOptionalId(command.programmeId, 'programmeId'),
    checkOptionalId(command.budgetLineId, 'budgetLineId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.exists) return refuseWith(refusal('already-exists', `grant ${command.grantId} was already awarded`, 'grantId'));
  const missing = checkSpendingReferences(command, { field: 'recipientPartyId', id: command.recipientPartyId }, references);
  if (missing) return refuseWith(missing);
  const { grantId, budgetId, recipientPartyId, programmeId, budgetLineId, effectiveDate } = command;
  const optional = { ...(programmeId ? { programmeId } : {}), ...(budgetLineId ? { budgetLineId } : {}) };
  const amountCents = asCents(command.amountCents);
  return accept([{ type: 'GrantAwarded', data: { grantId, budgetId, recipientPartyId, ...optional, amountCents, effectiveDate } }]);
}

function pay(command: PayGrantAdvance, state: GrantState): Decision<GrantEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.grantId, command.grantId, 'grantId'),
    checkId(command.paymentId, 'paymentId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents'),
    checkUnused(state.paymentIds, command.paymentId, 'paymentId'),
    checkTotal(state.paidCents + command.amountCents, 'payments'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.withdrawn) return refuseWith(refusal('invalid-state', 'the grant was withdrawn: nothing more is paid on it'));
  const { grantId, paymentId, effectiveDate } = command;
  const amountCents = asCents(command.amountCents);
  const heldAfter = netPaidCents(state) + amountCents;
  const data = flagged({ grantId, paymentId, ...state.charge!, amountCents, effectiveDate }, [
    state.settledCents === undefined && heldAfter > state.grantedCents && FLAGS.paidAboveGranted,
    state.settledCents !== undefined && heldAfter > state.settledCents && FLAGS.paidAboveSettled,
  ]);
  return accept([{ type: 'GrantAdvancePaid', data }]);
}

function settle(command: SettleGrant, state: GrantState): Decision<GrantEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.grantId, command.grantId, 'grantId'),
    checkId(command.settlementId, 'settlementId'),
    checkDate(command.effectiveDate),
    checkAmount(command.settledAmountCents, 'settledAmountCents', { allowZero: true }),
  );
  if (invalid) return refuseWith(invalid);
  if (state.withdrawn) return refuseWith(refusal('invalid-state', 'the grant was withdrawn: it is not settled'));
  if (state.settledCents !== undefined) {
    return refuseWith(refusal('invalid-state', 'the grant is already settled; reverse the settlement to correct it'));
  }
  const wrongReclaim = checkSettlementReclaim(command, state);
  if (wrongReclaim) return refuseWith(wrongReclaim);
  const { grantId, settlementId, effectiveDate } = command;
  const settledAmountCents = asCents(command.settledAmountCents);
  const settled = flagged({ grantId, settlementId, ...state.charge!, settledAmountCents, effectiveDate }, [
    settledAmountCents > state.grantedCents && FLAGS.settledAboveGranted,
  ]);
  const reclaimed: GrantReclaimed[] = command.reclaim
    ? [reclaimedEvent(state, command.reclaim, effectiveDate)]
    : [];
  return accept<GrantEvent>([{ type: 'GrantSettled', data: settled }, ...reclaimed]);
}

/**
 * What the recipient holds above the settled amount must be reclaimed in the same decision,
 * exactly: less would leave money unaccounted for, more would reclaim money then owed again.
 */
function checkSettlementReclaim(command: SettleGrant, state: GrantState) {
  const excess = netPaidCents(state) - command.settledAmountCents;
  if (command.reclaim === undefined) {
    if (excess <= 0) return undefined;
    return refusal(
      'invalid-amount',
      `${formatMoney(netPaidCents(state))} was paid: a settlement at ${formatMoney(command.settledAmountCents)} needs a reclaim of ${formatMoney(excess)}`,
      'settledAmountCents',
    );
  }
  const { reclaimId, amountCents, reason } = command.reclaim;
  const invalid = firstRefusal(
    checkId(reclaimId, 'reclaim.reclaimId'),
    checkAmount(amountCents, 'reclaim.amountCents'),
    checkText(reason, 'reclaim.reason'),
    checkUnused(state.reclaimIds, reclaimId, 'reclaim.reclaimId'),
  );
  if (invalid) return invalid;
  if (amountCents === excess) return undefined;
  const expected = excess > 0 ? `the excess paid, ${formatMoney(excess)}` : 'nothing: no more was paid than settled';
  return refusal('invalid-amount', `the reclaim with this settlement must be ${expected}`, 'reclaim.amountCents');
}

function reclaimedEvent(
  state: GrantState,
  reclaim: { reclaimId: string; amountCents: number; reason: string },
  effectiveDate: string,
): GrantReclaimed {
  const { reclaimId, reason } = reclaim;
  return {
    type: 'GrantReclaimed',
    data: { grantId: state.grantId!, reclaimId, ...state.charge!, amountCents: asCents(reclaim.amountCents), reason, effectiveDate },
  };
}

/** Reclaiming is allowed in every state (after withdrawal above all), never beyond what is held. */
function reclaim(command: ReclaimGrant, state: GrantState): Decision<GrantEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.grantId, command.grantId, 'grantId'),
    checkId(command.reclaimId, 'reclaimId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents'),
    checkText(command.reason, 'reason'),
    checkUnused(state.reclaimIds, command.reclaimId, 'reclaimId'),
  );
  if (invalid) return refuseWith(invalid);
  if (command.amountCents > netPaidCents(state)) {
    return refuseWith(
      refusal('invalid-amount', `only ${formatMoney(netPaidCents(state))} was paid and not yet reclaimed`, 'amountCents'),
    );
  }
  return accept([reclaimedEvent(state, command, command.effectiveDate)]);
}

function withdraw(command: WithdrawGrant, state: GrantState): Decision<GrantEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.grantId, command.grantId, 'grantId'),
    checkId(command.withdrawalId, 'withdrawalId'),
    checkDate(command.effectiveDate),
    checkText(command.reason, 'reason'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.withdrawn) return refuseWith(refusal('invalid-state', 'the grant was already withdrawn'));
  if (isBefore(command.effectiveDate, state.awardedOn!)) {
    return refuseWith(refusal('invalid-date', `a grant cannot be withdrawn before its award on ${state.awardedOn}`, 'effectiveDate'));
  }
  const { grantId, withdrawalId, reason, effectiveDate } = command;
  return accept([{ type: 'GrantWithdrawn', data: { grantId, withdrawalId, reason, effectiveDate } }]);
}
