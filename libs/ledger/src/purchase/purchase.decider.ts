// Refused: an unknown budget, supplier, programme or contract, a call-off under another
// supplier's contract, a total beyond the bound, invoicing a cancelled purchase. Recorded with a
// flag: invoices above the total, payments above what was invoiced or the total. A call-off
// above the contract's ceiling and spending after the programme ended are derived findings.
import { accept, refuseWith, type Decision, type References, type Refusal } from '../shared/decider';
import {
  checkAmount, checkCount, checkDate, checkOneOf, checkExisting, checkId, checkOptionalId, checkText, checkTotal, checkUnused,
  firstRefusal, notFound, referenced, refusal,
} from '../shared/checks';
import { FLAGS, flagged } from '../shared/flags';
import { streamId } from '../shared/ids';
import { asCents, formatMoney, multiplyCents } from '../money/money';
import { withReversals } from '../reversal/with-reversals';
import { checkSpendingReferences } from '../budget/budget-charge';
import type { ContractState } from '../procurement/contract.decider';
import type { CancelPurchase, InvoicePurchase, PayPurchase, PurchaseCommand, PurchaseTrajectories } from './purchase.commands';
import { PURCHASE_UNITS, type PurchaseEvent } from './purchase.events';
import { evolvePurchase, purchaseInitialState, type PurchaseState } from './purchase.state';

export const TRAJECTORY_COUNT_MAX = 100_000;

export const purchaseDecider = withReversals<PurchaseCommand, PurchaseEvent, PurchaseState>({
  category: 'purchase',
  initialState: purchaseInitialState,
  evolve: evolvePurchase,
  references: (command) =>
    command.type === 'PurchaseTrajectories'
      ? [
          streamId('budget', command.budgetId),
          streamId('party', command.supplierPartyId),
          ...(command.contractId ? [streamId('contract', command.contractId)] : []),
          ...(command.programmeId ? [streamId('programme', command.programmeId)] : []),
        ]
      : [],
  decide: (command, state, references) => {
    switch (command.type) {
      case 'PurchaseTrajectories':
        return purchase(command, state, references);
      case 'InvoicePurchase':
        return invoice(command, state);
      case 'PayPurchase':
        return pay(command, state);
      case 'CancelPurchase':
        return cancel(command, state);
      default:
        return refuseWith(refusal('invalid-value', `a purchase does not take ${(command as { type: string }).type}`, 'type'));
    }
  },
});

function purchase(command: PurchaseTrajectories, state: PurchaseState, references: References): Decision<PurchaseEvent> {
  const invalid = firstRefusal(
    checkId(command.purchaseId, 'purchaseId'),
    checkId(command.budgetId, 'budgetId'),
    checkId(command.supplierPartyId, 'supplierPartyId'),
    checkOptionalId(command.contractId, 'contractId'),
    checkOptionalId(command.programmeId, 'programmeId'),
    checkOptionalId(command.budgetLineId, 'budgetLineId'),
    checkDate(command.effectiveDate),
    checkCount(command.count, 'count', TRAJECTORY_COUNT_MAX),
    command.unit === undefined ? undefined : checkOneOf(command.unit, PURCHASE_UNITS, 'unit'),
    checkAmount(command.unitPriceCents, 'unitPriceCents'),
    checkText(command.targetGroup, 'targetGroup'),
  );
  if (invalid) return refuseWith(invalid);
  const total = multiplyCents(command.count, command.unitPriceCents);
  if (!total.ok) return refuseWith(refusal('invalid-amount', total.reason, 'unitPriceCents'));
  if (state.exists) return refuseWith(refusal('already-exists', `purchase ${command.purchaseId} was already recorded`, 'purchaseId'));
  const missing = firstRefusal(
    checkSpendingReferences(command, { field: 'supplierPartyId', id: command.supplierPartyId }, references),
    checkContract(command, references),
  );
  if (missing) return refuseWith(missing);
  const { purchaseId, budgetId, supplierPartyId, count, targetGroup, contractId, programmeId, budgetLineId, effectiveDate } = command;
  const optional = {
    ...(contractId ? { contractId } : {}),
    ...(programmeId ? { programmeId } : {}),
    ...(budgetLineId ? { budgetLineId } : {}),
  };
  const unitPriceCents = asCents(command.unitPriceCents);
  return accept([
    {
      type: 'TrajectoriesPurchased',
      data: { purchaseId, budgetId, supplierPartyId, ...optional, count, unit: command.unit ?? 'trajectory', unitPriceCents, totalCents: total.cents, targetGroup, effectiveDate },
    },
  ]);
}

/** A call-off is made under an existing contract with the same supplier; its end is a finding. */
function checkContract(command: PurchaseTrajectories, references: References) {
  if (command.contractId === undefined) return undefined;
  const contract = referenced<ContractState>(references, streamId('contract', command.contractId));
  if (!contract) return notFound(`contract ${command.contractId}`, 'contractId');
  if (contract.supplierPartyId === command.supplierPartyId) return undefined;
  return refusal('invalid-value', `contract ${command.contractId} is with ${contract.supplierPartyId}`, 'supplierPartyId');
}

function invoice(command: InvoicePurchase, state: PurchaseState): Decision<PurchaseEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.purchaseId, command.purchaseId, 'purchaseId'),
    checkId(command.invoiceId, 'invoiceId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents'),
    checkUnused(state.invoiceIds, command.invoiceId, 'invoiceId'),
    checkTotal(state.invoicedCents + command.amountCents, 'invoices'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.cancelled) return refuseWith(refusal('invalid-state', 'the purchase was cancelled: nothing more is invoiced on it'));
  const { purchaseId, invoiceId, effectiveDate } = command;
  const amountCents = asCents(command.amountCents);
  const data = flagged({ purchaseId, invoiceId, ...state.charge!, amountCents, effectiveDate }, [
    state.invoicedCents + amountCents > state.totalCents && FLAGS.invoicedAboveTotal,
  ]);
  return accept([{ type: 'PurchaseInvoiced', data }]);
}

function pay(command: PayPurchase, state: PurchaseState): Decision<PurchaseEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.purchaseId, command.purchaseId, 'purchaseId'),
    checkId(command.paymentId, 'paymentId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents'),
    checkUnused(state.paymentIds, command.paymentId, 'paymentId'),
    checkTotal(state.paidCents + command.amountCents, 'payments'),
  );
  if (invalid) return refuseWith(invalid);
  const paidAfter = state.paidCents + command.amountCents;
  // After cancellation only invoices received before it are still paid.
  if (state.cancelled && paidAfter > state.invoicedCents) return refuseWith(payableAfterCancellation(state));
  const { purchaseId, paymentId, effectiveDate } = command;
  const amountCents = asCents(command.amountCents);
  const data = flagged({ purchaseId, paymentId, ...state.charge!, amountCents, effectiveDate }, [
    paidAfter > state.invoicedCents && FLAGS.paidAboveInvoiced,
    paidAfter > state.totalCents && FLAGS.paidAboveTotal,
  ]);
  return accept([{ type: 'PurchasePaid', data }]);
}

/** Payments before the cancellation may already exceed what was invoiced (a flagged, real fact). */
function payableAfterCancellation(state: PurchaseState): Refusal {
  const unpaidCents = state.invoicedCents - state.paidCents;
  const invoiced = formatMoney(state.invoicedCents);
  if (unpaidCents <= 0) {
    return refusal('invalid-state', `the purchase was cancelled, and all that was invoiced on it (${invoiced}) is paid: nothing more is payable`);
  }
  return refusal('invalid-state', `the purchase was cancelled: of what was invoiced on it (${invoiced}), ${formatMoney(unpaidCents)} is still payable`);
}

function cancel(command: CancelPurchase, state: PurchaseState): Decision<PurchaseEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.purchaseId, command.purchaseId, 'purchaseId'),
    checkDate(command.effectiveDate),
    checkText(command.reason, 'reason'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.cancelled) return refuseWith(refusal('invalid-state', 'the purchase was already cancelled'));
  const { purchaseId, reason, effectiveDate } = command;
  return accept([{ type: 'PurchaseCancelled', data: { purchaseId, reason, effectiveDate } }]);
}
