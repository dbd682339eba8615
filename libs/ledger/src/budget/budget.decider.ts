// A budget is a pool: inflows and amendments fill it, transfers move it between budgets, and
// allocation lines plan it. Spending is charged to it from the grant and purchase streams.
import { accept, refuseWith, type Decision, type References } from '../shared/decider';
import {
  checkAmount, checkDate, checkExisting, checkId, checkOneOf, checkOptionalId, checkText, checkTotal, checkUnused,
  firstRefusal, notFound, referenced, refusal,
} from '../shared/checks';
import { FLAGS, flagged } from '../shared/flags';
import { streamId } from '../shared/ids';
import { asCents } from '../money/money';
import { withReversals } from '../reversal/with-reversals';
import type { AllocateBudget, AmendBudget, BudgetCommand, FundBudget, OpenBudget, TransferBudget } from './budget.commands';
import { FUNDING_SOURCES, type BudgetEvent, type BudgetTransferredIn } from './budget.events';
import { budgetInitialState, evolveBudget, currentBudgetCents, type BudgetState } from './budget.state';

/** Iv3 taakveld: "6.4", "0.10", "6.81". */
export const TAAKVELD_PATTERN = /^\d{1,2}\.\d{1,2}(\.\d{1,2})?$/;
/**
 * A funder's code for the regulation it pays under: "SZW/G2", "OCW-D9", "E27B". Never a "|":
 * the read side joins funder, code and budget with it to keep this money apart in who paid.
 */
export const REGULATION_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9/._-]{0,39}$/;
export const FISCAL_YEAR_MIN = 2000;
export const FISCAL_YEAR_MAX = 2100;

export const budgetDecider = withReversals<BudgetCommand, BudgetEvent, BudgetState>({
  category: 'budget',
  initialState: budgetInitialState,
  evolve: evolveBudget,
  references: (command) => {
    switch (command.type) {
      case 'OpenBudget':
        return [streamId('party', command.ownerPartyId)];
      case 'FundBudget':
        return [
          ...(command.funderPartyId ? [streamId('party', command.funderPartyId)] : []),
          ...(command.earmarkProgrammeId ? [streamId('programme', command.earmarkProgrammeId)] : []),
        ];
      case 'TransferBudget':
        return [
          streamId('budget', command.toBudgetId),
          ...(command.earmarkProgrammeId ? [streamId('programme', command.earmarkProgrammeId)] : []),
        ];
      default:
        return [];
    }
  },
  decide: (command, state, references) => {
    switch (command.type) {
      case 'OpenBudget':
        return open(command, state, references);
      case 'FundBudget':
        return fund(command, state, references);
      case 'AmendBudget':
        return amend(command, state);
      case 'AllocateBudget':
        return allocate(command, state);
      case 'TransferBudget':
        return transfer(command, state, references);
      default:
        return refuseWith(refusal('invalid-value', `a budget does not take ${(command as { type: string }).type}`, 'type'));
    }
  },
  mirroring: {
    mirrorOf: (event) =>
      event.type === 'BudgetTransferredOut'
        ? {
            streamId: streamId('budget', event.data.toBudgetId),
            eventType: 'BudgetTransferredIn',
            key: transferKey(event.data.budgetId, event.data.transferId),
          }
        : undefined,
    keyOfMirror: (event) =>
      event.type === 'BudgetTransferredIn' ? transferKey(event.data.fromBudgetId, event.data.transferId) : undefined,
  },
});

/** A transfer id is unique on its sending budget, so the pair names a transfer-in. */
function transferKey(fromBudgetId: string, transferId: string): string {
  return `${fromBudgetId}/${transferId}`;
}

function open(command: OpenBudget, state: BudgetState, references: References): Decision<BudgetEvent> {
  const invalid = firstRefusal(
    checkId(command.budgetId, 'budgetId'),
    checkId(command.ownerPartyId, 'ownerPartyId'),
    checkDate(command.effectiveDate),
    checkText(command.name, 'name'),
    checkFiscalYear(command.fiscalYear),
    typeof command.taakveld === 'string' && TAAKVELD_PATTERN.test(command.taakveld)
      ? undefined
      : refusal('invalid-value', 'taakveld must be an Iv3 taakveld such as "6.4"', 'taakveld'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.exists) return refuseWith(refusal('already-exists', `budget ${command.budgetId} is already open`, 'budgetId'));
  if (!referenced(references, streamId('party', command.ownerPartyId))) {
    return refuseWith(notFound(`party ${command.ownerPartyId}`, 'ownerPartyId'));
  }
  const { budgetId, ownerPartyId, name, fiscalYear, taakveld, effectiveDate } = command;
  return accept([{ type: 'BudgetOpened', data: { budgetId, ownerPartyId, name, fiscalYear, taakveld, effectiveDate } }]);
}

function checkFiscalYear(year: unknown) {
  if (typeof year === 'number' && Number.isInteger(year) && year >= FISCAL_YEAR_MIN && year <= FISCAL_YEAR_MAX) {
    return undefined;
  }
  return refusal('invalid-value', `fiscalYear must be a year from ${FISCAL_YEAR_MIN} to ${FISCAL_YEAR_MAX}`, 'fiscalYear');
}

function fund(command: FundBudget, state: BudgetState, references: References): Decision<BudgetEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.budgetId, command.budgetId, 'budgetId'),
    checkId(command.fundingId, 'fundingId'),
    checkDate(command.effectiveDate),
    checkOneOf(command.source, FUNDING_SOURCES, 'source'),
    checkOptionalId(command.funderPartyId, 'funderPartyId'),
    checkOptionalId(command.earmarkProgrammeId, 'earmarkProgrammeId'),
    checkAmount(command.amountCents, 'amountCents'),
    checkUnused(state.fundingIds, command.fundingId, 'fundingId'),
    checkFunder(command, state),
    checkRegulationCode(command),
  );
  if (invalid) return refuseWith(invalid);
  const missing = firstRefusal(
    command.funderPartyId && !referenced(references, streamId('party', command.funderPartyId))
      ? notFound(`party ${command.funderPartyId}`, 'funderPartyId')
      : undefined,
    checkEarmark(command.earmarkProgrammeId, references),
    checkTotal(state.fundedCents + command.amountCents, 'fundings'),
  );
  if (missing) return refuseWith(missing);
  const { budgetId, fundingId, source, earmarkProgrammeId, regulationCode, effectiveDate } = command;
  const funderPartyId = command.funderPartyId ?? state.ownerPartyId!;
  const amountCents = asCents(command.amountCents);
  const optional = { ...(earmarkProgrammeId ? { earmarkProgrammeId } : {}), ...(regulationCode ? { regulationCode } : {}) };
  return accept([{ type: 'BudgetFunded', data: { budgetId, fundingId, source, funderPartyId, amountCents, ...optional, effectiveDate } }]);
}

/** A regulation is the outside funder's: own means are paid under none. */
function checkRegulationCode(command: FundBudget) {
  if (command.regulationCode === undefined) return undefined;
  if (typeof command.regulationCode !== 'string' || !REGULATION_CODE_PATTERN.test(command.regulationCode)) {
    return refusal('invalid-value', 'regulationCode must be a code such as "SZW/G2" (letters, digits, / . _ -; at most 40)', 'regulationCode');
  }
  if (command.source !== 'outside-funder') return refusal('invalid-value', 'only money from an outside funder comes under a regulation', 'regulationCode');
  return undefined;
}

/** Own means come from the owner; an outside funder is someone else, and must be named. */
function checkFunder(command: FundBudget, state: BudgetState) {
  if (command.source === 'own-means' && command.funderPartyId !== undefined && command.funderPartyId !== state.ownerPartyId) {
    return refusal('invalid-value', "own means are the budget owner's; name an outside funder instead", 'funderPartyId');
  }
  if (command.source === 'outside-funder' && (command.funderPartyId === undefined || command.funderPartyId === state.ownerPartyId)) {
    return refusal('invalid-value', 'an outside funder must be named and be another party than the owner', 'funderPartyId');
  }
  return undefined;
}

function checkEarmark(programmeId: string | undefined, references: References) {
  if (programmeId === undefined || referenced(references, streamId('programme', programmeId))) return undefined;
  return notFound(`programme ${programmeId}`, 'earmarkProgrammeId');
}

function amend(command: AmendBudget, state: BudgetState): Decision<BudgetEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.budgetId, command.budgetId, 'budgetId'),
    checkId(command.amendmentId, 'amendmentId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents', { allowNegative: true }),
    checkText(command.reason, 'reason'),
    checkUnused(state.amendmentIds, command.amendmentId, 'amendmentId'),
    checkTotal(state.amendedCents + command.amountCents, 'amendments'),
  );
  if (invalid) return refuseWith(invalid);
  const { budgetId, amendmentId, reason, effectiveDate } = command;
  const amountCents = asCents(command.amountCents);
  const data = flagged({ budgetId, amendmentId, amountCents, reason, effectiveDate }, [
    currentBudgetCents(state) + amountCents < 0 && FLAGS.budgetBelowZero,
  ]);
  return accept([{ type: 'BudgetAmended', data }]);
}

function allocate(command: AllocateBudget, state: BudgetState): Decision<BudgetEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.budgetId, command.budgetId, 'budgetId'),
    checkId(command.lineId, 'lineId'),
    checkDate(command.effectiveDate),
    checkText(command.description, 'description'),
    checkAmount(command.amountCents, 'amountCents'),
    checkUnused(state.lineIds, command.lineId, 'lineId'),
    checkTotal(state.allocatedCents + command.amountCents, 'allocations'),
  );
  if (invalid) return refuseWith(invalid);
  const { budgetId, lineId, description, effectiveDate } = command;
  const amountCents = asCents(command.amountCents);
  const data = flagged({ budgetId, lineId, description, amountCents, effectiveDate }, [
    state.allocatedCents + amountCents > currentBudgetCents(state) && FLAGS.allocatedAboveBudget,
  ]);
  return accept([{ type: 'BudgetAllocated', data }]);
}

function transfer(command: TransferBudget, state: BudgetState, references: References): Decision<BudgetEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.budgetId, command.budgetId, 'budgetId'),
    checkId(command.transferId, 'transferId'),
    checkId(command.toBudgetId, 'toBudgetId'),
    checkOptionalId(command.earmarkProgrammeId, 'earmarkProgrammeId'),
    checkDate(command.effectiveDate),
    checkAmount(command.amountCents, 'amountCents'),
    command.toBudgetId === command.budgetId
      ? refusal('invalid-value', 'a budget cannot transfer to itself', 'toBudgetId')
      : undefined,
    checkUnused(state.transferIds, command.transferId, 'transferId'),
    checkTotal(state.transferredOutCents + command.amountCents, 'transfers out'),
  );
  if (invalid) return refuseWith(invalid);
  const target = referenced<BudgetState>(references, streamId('budget', command.toBudgetId));
  const missing = firstRefusal(
    target ? undefined : notFound(`budget ${command.toBudgetId}`, 'toBudgetId'),
    checkEarmark(command.earmarkProgrammeId, references),
    target ? checkTotal(target.transferredInCents + command.amountCents, 'transfers in of the target') : undefined,
  );
  if (missing) return refuseWith(missing);
  const { budgetId, transferId, toBudgetId, earmarkProgrammeId, effectiveDate } = command;
  const amountCents = asCents(command.amountCents);
  const earmark = earmarkProgrammeId ? { earmarkProgrammeId } : {};
  const out = flagged({ budgetId, transferId, toBudgetId, amountCents, ...earmark, effectiveDate }, [
    amountCents > currentBudgetCents(state) && FLAGS.transferredAboveBudget,
  ]);
  const incoming: BudgetTransferredIn = {
    type: 'BudgetTransferredIn',
    data: { budgetId: toBudgetId, transferId, fromBudgetId: budgetId, amountCents, ...earmark, effectiveDate },
  };
  return accept([{ type: 'BudgetTransferredOut', data: out }], [{ streamId: streamId('budget', toBudgetId), events: [incoming] }]);
}
