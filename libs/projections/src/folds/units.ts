// Which entity an event belongs to (its unit: the stream, except that a contract's award counts
// on the contract although it is written on the procurement's stream), which budget's pool it
// moves, and how a unit folds it. One exhaustive switch over the event union: an event type the
// read side does not place does not compile.
import { assertNever, categoryOf, entityIdOf, type FactOf, type LedgerFact } from '../model/ledger-fact';
import type { Dims, Measures } from '../model/movement';
import {
  budgetMovement,
  evolveBudget,
  evolveContract,
  evolveParty,
  evolveProcurement,
  evolveProgramme,
  initialBudget,
  initialContract,
  initialParty,
  initialProcurement,
  initialProgramme,
  programmeMovement,
  evolveDocument,
  evolveReview,
  initialDocument,
  initialReview,
  type DocumentHeader,
  type ReviewHeader,
  type BudgetFact,
  type BudgetHeader,
  type ContractFact,
  type ContractHeader,
  type PartyHeader,
  type ProcurementHeader,
  type ProgrammeFact,
  type ProgrammeHeader,
} from './headers';
import { entityMeasures, eventMeasures, evolveSpending, initialSpending, spendingDims, type SpendingFact, type SpendingState } from './spending';

export type UnitState =
  | { readonly kind: 'spending'; readonly state: SpendingState }
  | { readonly kind: 'review'; readonly state: ReviewHeader }
  | { readonly kind: 'document'; readonly state: DocumentHeader }
  | { readonly kind: 'budget'; readonly state: BudgetHeader }
  | { readonly kind: 'programme'; readonly state: ProgrammeHeader }
  | { readonly kind: 'contract'; readonly state: ContractHeader }
  | { readonly kind: 'party'; readonly state: PartyHeader }
  | { readonly kind: 'procurement'; readonly state: ProcurementHeader };

export interface Route {
  /** The unit whose state the event changes. */
  readonly unitId: string;
  /** The budget whose pool (who paid) the event fills or draws on. */
  readonly poolBudgetId: string | null;
}

export function routeOf(fact: LedgerFact): Route {
  const own = { unitId: fact.streamId, poolBudgetId: null };
  switch (fact.type) {
    case 'PartyRegistered':
    case 'BudgetAmended':
    case 'BudgetAllocated':
    case 'ProgrammeLaunched':
    case 'ParticipantsEnrolled':
    case 'OutcomesRecorded':
    case 'ProgrammeEnded':
    case 'GrantAwarded':
    case 'GrantSettled':
    case 'GrantWithdrawn':
    case 'ProcurementStarted':
    case 'ContractAmended':
    case 'ContractEnded':
    case 'TrajectoriesPurchased':
    case 'PurchaseInvoiced':
    case 'PurchaseCancelled':
    case 'ExpenseCommitted':
    case 'ExpenseCommitmentRaised':
    case 'ExpenseInvoiced':
    case 'ExpenseCancelled':
    case 'FindingReviewed':
    case 'DocumentAttached':
    case 'EntryReversed':
      return own;
    case 'BudgetOpened':
    case 'BudgetFunded':
    case 'BudgetTransferredOut':
    case 'BudgetTransferredIn':
      return { ...own, poolBudgetId: fact.data.budgetId };
    case 'GrantAdvancePaid':
    case 'GrantReclaimed':
    case 'PurchasePaid':
    case 'ExpensePaid':
    case 'ExpenseBooked':
      return { ...own, poolBudgetId: fact.data.budgetId };
    case 'ContractAwarded':
      return { unitId: `contract-${fact.data.contractId}`, poolBudgetId: null };
    default:
      return assertNever(fact);
  }
}

export function initialUnit(unitId: string): UnitState {
  const id = entityIdOf(unitId);
  const category = categoryOf(unitId);
  switch (category) {
    case 'grant':
    case 'purchase':
    case 'expense':
      return { kind: 'spending', state: initialSpending(category) };
    case 'finding':
      return { kind: 'review', state: initialReview() };
    case 'document':
      return { kind: 'document', state: initialDocument(id) };
    case 'budget':
      return { kind: 'budget', state: initialBudget(id) };
    case 'programme':
      return { kind: 'programme', state: initialProgramme(id) };
    case 'contract':
      return { kind: 'contract', state: initialContract(id) };
    case 'party':
      return { kind: 'party', state: initialParty(id) };
    case 'procurement':
      return { kind: 'procurement', state: initialProcurement(id) };
    default:
      throw new Error(`no read-model unit for stream category ${category}`);
  }
}

/** The unit's state with the event folded in (events come in business order). */
export function evolveUnit(unit: UnitState, fact: LedgerFact): UnitState {
  switch (unit.kind) {
    case 'spending':
      return { kind: 'spending', state: evolveSpending(unit.state, fact as SpendingFact) };
    case 'budget':
      return { kind: 'budget', state: evolveBudget(unit.state, fact as BudgetFact) };
    case 'programme':
      return { kind: 'programme', state: evolveProgramme(unit.state, fact as ProgrammeFact) };
    case 'contract':
      return { kind: 'contract', state: evolveContract(unit.state, fact as ContractFact) };
    case 'party':
      return { kind: 'party', state: evolveParty(unit.state, fact as FactOf<'PartyRegistered'>) };
    case 'procurement':
      return { kind: 'procurement', state: evolveProcurement(unit.state, fact as FactOf<'ProcurementStarted'>) };
    case 'review':
      return { kind: 'review', state: evolveReview(unit.state, fact as FactOf<'FindingReviewed'>) };
    case 'document':
      return { kind: 'document', state: evolveDocument(unit.state, fact as FactOf<'DocumentAttached'>) };
  }
}

/** The figures that depend on the whole unit (only spending has them), as of its state. */
export function unitMeasures(unit: UnitState): Measures {
  return unit.kind === 'spending' ? entityMeasures(unit.state) : {};
}

/**
 * Where an event's movement belongs and the figures that are its own amount, given the unit's
 * state after it; undefined for an event that moves no figure (a registration, an end).
 */
export function eventMovement(unit: UnitState, fact: LedgerFact): { dims: Dims; measures: Measures } | undefined {
  switch (unit.kind) {
    case 'spending':
      return { dims: spendingDims(unit.state), measures: eventMeasures(fact as SpendingFact) };
    case 'budget':
      return budgetMovement(fact as BudgetFact);
    case 'programme':
      return programmeMovement(fact as ProgrammeFact);
    case 'contract':
    case 'party':
    case 'procurement':
    case 'review':
    case 'document':
      return undefined;
  }
}
