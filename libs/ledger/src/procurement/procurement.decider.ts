// A procurement is started with its procedure and estimated value and awards one or more
// contracts (lots, framework agreements with several suppliers). Whether the procedure was
// heavy enough for the value is a derived finding against dated thresholds, not a refusal.
import { accept, refuseWith, type Decision, type References } from '../shared/decider';
import {
  checkAmount, checkDate, checkExisting, checkId, checkOneOf, checkText, checkUnused, firstRefusal, notFound,
  referenced, refusal,
} from '../shared/checks';
import { isBefore } from '../shared/dates';
import { streamId } from '../shared/ids';
import { asCents } from '../money/money';
import { withReversals } from '../reversal/with-reversals';
import type { AwardContract, ProcurementCommand, StartProcurement } from './procurement.commands';
import { PROCUREMENT_PROCEDURES, type ContractAwarded, type ProcurementEvent, type ProcurementProcedure } from './procurement.events';

/** Options beyond ten years are not an option but a typo. */
export const OPTION_MONTHS_MAX = 120;

export interface ProcurementState {
  readonly exists: boolean;
  readonly procurementId?: string;
  readonly buyerPartyId?: string;
  readonly procedure?: ProcurementProcedure;
  readonly startedOn?: string;
  readonly contractIds: readonly string[];
}

const initialState = (): ProcurementState => ({ exists: false, contractIds: [] });

export const procurementDecider = withReversals<ProcurementCommand, ProcurementEvent, ProcurementState>({
  category: 'procurement',
  initialState,
  evolve: (state, event) => {
    switch (event.type) {
      case 'ProcurementStarted': {
        const { procurementId, buyerPartyId, procedure, effectiveDate } = event.data;
        return { ...initialState(), exists: true, procurementId, buyerPartyId, procedure, startedOn: effectiveDate };
      }
      case 'ContractAwarded':
        return { ...state, contractIds: [...state.contractIds, event.data.contractId] };
      default:
        return state;
    }
  },
  references: (command) => {
    switch (command.type) {
      case 'StartProcurement':
        return [streamId('party', command.buyerPartyId)];
      case 'AwardContract':
        // The contract's stream is the one reference that must be absent: a contract id is
        // used once in the whole ledger, not only within this procurement.
        return [streamId('party', command.supplierPartyId), streamId('contract', command.contractId)];
      default:
        return [];
    }
  },
  decide: (command, state, references) => {
    switch (command.type) {
      case 'StartProcurement':
        return start(command, state, references);
      case 'AwardContract':
        return award(command, state, references);
      default:
        return refuseWith(refusal('invalid-value', `a procurement does not take ${(command as { type: string }).type}`, 'type'));
    }
  },
  mirroring: {
    mirrorOf: (event) =>
      event.type === 'ContractAwarded'
        ? { streamId: streamId('contract', event.data.contractId), eventType: 'ContractAwarded', key: event.data.contractId }
        : undefined,
  },
});

function start(command: StartProcurement, state: ProcurementState, references: References): Decision<ProcurementEvent> {
  const invalid = firstRefusal(
    checkId(command.procurementId, 'procurementId'),
    checkId(command.buyerPartyId, 'buyerPartyId'),
    checkDate(command.effectiveDate),
    checkText(command.subject, 'subject'),
    checkOneOf(command.procedure, PROCUREMENT_PROCEDURES, 'procedure'),
    checkAmount(command.estimatedValueCents, 'estimatedValueCents'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.exists) {
    return refuseWith(refusal('already-exists', `procurement ${command.procurementId} was already started`, 'procurementId'));
  }
  if (!referenced(references, streamId('party', command.buyerPartyId))) {
    return refuseWith(notFound(`party ${command.buyerPartyId}`, 'buyerPartyId'));
  }
  const { procurementId, buyerPartyId, subject, procedure, effectiveDate } = command;
  const estimatedValueCents = asCents(command.estimatedValueCents);
  return accept([
    { type: 'ProcurementStarted', data: { procurementId, buyerPartyId, subject, procedure, estimatedValueCents, effectiveDate } },
  ]);
}

function award(command: AwardContract, state: ProcurementState, references: References): Decision<ProcurementEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.procurementId, command.procurementId, 'procurementId'),
    checkId(command.contractId, 'contractId'),
    checkId(command.supplierPartyId, 'supplierPartyId'),
    checkDate(command.effectiveDate),
    checkDate(command.termStart, 'termStart'),
    checkDate(command.termEnd, 'termEnd'),
    checkAmount(command.ceilingCents, 'ceilingCents'),
    checkOptionMonths(command.optionMonths),
    checkUnused(state.contractIds, command.contractId, 'contractId'),
  );
  if (invalid) return refuseWith(invalid);
  const wrongDate = firstRefusal(
    isBefore(command.termEnd, command.termStart) ? refusal('invalid-date', 'the term ends before it starts', 'termEnd') : undefined,
    isBefore(command.effectiveDate, state.startedOn!)
      ? refusal('invalid-date', `a contract cannot be awarded before its procurement started on ${state.startedOn}`, 'effectiveDate')
      : undefined,
  );
  if (wrongDate) return refuseWith(wrongDate);
  if (references.has(streamId('contract', command.contractId))) {
    return refuseWith(refusal('already-exists', `contract ${command.contractId} already exists`, 'contractId'));
  }
  if (!referenced(references, streamId('party', command.supplierPartyId))) {
    return refuseWith(notFound(`party ${command.supplierPartyId}`, 'supplierPartyId'));
  }
  const event = awarded(command, state);
  return accept([event], [{ streamId: streamId('contract', command.contractId), events: [event] }]);
}

function checkOptionMonths(months: unknown) {
  if (months === undefined || (Number.isSafeInteger(months) && (months as number) >= 0 && (months as number) <= OPTION_MONTHS_MAX)) {
    return undefined;
  }
  return refusal('invalid-value', `optionMonths must be a whole number from 0 to ${OPTION_MONTHS_MAX}`, 'optionMonths');
}

function awarded(command: AwardContract, state: ProcurementState): ContractAwarded {
  const { procurementId, contractId, supplierPartyId, termStart, termEnd, optionMonths, effectiveDate } = command;
  return {
    type: 'ContractAwarded',
    data: {
      procurementId,
      contractId,
      buyerPartyId: state.buyerPartyId!,
      supplierPartyId,
      procedure: state.procedure!,
      ceilingCents: asCents(command.ceilingCents),
      termStart,
      termEnd,
      ...(optionMonths !== undefined ? { optionMonths } : {}),
      effectiveDate,
    },
  };
}
