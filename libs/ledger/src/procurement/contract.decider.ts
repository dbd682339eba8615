// The contract stream: begun by the mirror of its award, then amended (ceiling, term) and ended.
// A purchase under the contract reads this state to know the contract and its supplier.
import { accept, refuseWith, type Decision } from '../shared/decider';
import {
  checkAmount, checkDate, checkExisting, checkId, checkOptionalDate, checkText, checkUnused, firstRefusal, refusal,
} from '../shared/checks';
import { isBefore } from '../shared/dates';
import { asCents } from '../money/money';
import { withReversals } from '../reversal/with-reversals';
import type { AmendContract, ContractCommand, EndContract } from './contract.commands';
import type { ContractEvent } from './contract.events';

export interface ContractState {
  readonly exists: boolean;
  readonly contractId?: string;
  readonly procurementId?: string;
  readonly supplierPartyId?: string;
  readonly ceilingCents: number;
  readonly termStart?: string;
  readonly termEnd?: string;
  readonly awardedOn?: string;
  readonly endedOn?: string;
  readonly amendmentIds: readonly string[];
}

const initialState = (): ContractState => ({ exists: false, ceilingCents: 0, amendmentIds: [] });

export const contractDecider = withReversals<ContractCommand, ContractEvent, ContractState>({
  category: 'contract',
  initialState,
  evolve: (state, event) => {
    switch (event.type) {
      case 'ContractAwarded': {
        const { contractId, procurementId, supplierPartyId, ceilingCents, termStart, termEnd, effectiveDate } = event.data;
        return { ...initialState(), exists: true, contractId, procurementId, supplierPartyId, ceilingCents, termStart, termEnd, awardedOn: effectiveDate };
      }
      case 'ContractAmended':
        // After the award's reversal (made on the procurement) later events here fold to nothing.
        if (!state.exists) return state;
        return {
          ...state,
          ceilingCents: event.data.ceilingCents,
          termEnd: event.data.termEnd ?? state.termEnd,
          amendmentIds: [...state.amendmentIds, event.data.amendmentId],
        };
      case 'ContractEnded':
        return state.exists ? { ...state, endedOn: event.data.effectiveDate } : state;
      default:
        return state;
    }
  },
  references: () => [],
  decide: (command, state) => {
    switch (command.type) {
      case 'AmendContract':
        return amend(command, state);
      case 'EndContract':
        return end(command, state);
      default:
        return refuseWith(
          refusal('invalid-value', `a contract does not take ${(command as { type: string }).type}; award it on its procurement`, 'type'),
        );
    }
  },
  mirroring: {
    keyOfMirror: (event) => (event.type === 'ContractAwarded' ? event.data.contractId : undefined),
  },
});

function amend(command: AmendContract, state: ContractState): Decision<ContractEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.contractId, command.contractId, 'contractId'),
    checkId(command.amendmentId, 'amendmentId'),
    checkDate(command.effectiveDate),
    checkAmount(command.ceilingCents, 'ceilingCents'),
    checkOptionalDate(command.termEnd, 'termEnd'),
    checkText(command.reason, 'reason'),
    checkUnused(state.amendmentIds, command.amendmentId, 'amendmentId'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.endedOn !== undefined) return refuseWith(refusal('invalid-state', `the contract ended on ${state.endedOn}`));
  if (command.termEnd !== undefined && isBefore(command.termEnd, state.termStart!)) {
    return refuseWith(refusal('invalid-date', `the term cannot end before it starts on ${state.termStart}`, 'termEnd'));
  }
  const { contractId, amendmentId, termEnd, reason, effectiveDate } = command;
  const ceilingCents = asCents(command.ceilingCents);
  return accept([
    { type: 'ContractAmended', data: { contractId, amendmentId, ceilingCents, ...(termEnd ? { termEnd } : {}), reason, effectiveDate } },
  ]);
}

function end(command: EndContract, state: ContractState): Decision<ContractEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.contractId, command.contractId, 'contractId'),
    checkDate(command.effectiveDate),
    checkText(command.reason, 'reason'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.endedOn !== undefined) return refuseWith(refusal('invalid-state', `the contract already ended on ${state.endedOn}`));
  if (isBefore(command.effectiveDate, state.awardedOn!)) {
    return refuseWith(refusal('invalid-date', `a contract cannot end before its award on ${state.awardedOn}`, 'effectiveDate'));
  }
  const { contractId, reason, effectiveDate } = command;
  return accept([{ type: 'ContractEnded', data: { contractId, reason, effectiveDate } }]);
}
