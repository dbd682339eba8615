// The findings about one subject, derived from what a cut sees of it: a flag stored on an event,
// a budget or allocation line overrun, a budget on a taakveld its year's Iv3 catalogue does not
// list, call-offs above a contract's ceiling, a procedure too light for a contract's value,
// commitments split to stay under a threshold (split-purchases.ts), spending after a programme
// ended, a payment without a commitment, a decision written to two streams with one still missing.
// Each names the events that set the limit and those that went past it. The projector derives them
// "now" whenever a subject changes; a question with `on` derives them at its cut. Both read
// through FindingInputs, so the rule is written once.
import { DERIVED_FINDINGS, type Flag } from '@geldstroom/ledger';
import type { BudgetHeader, ContractHeader, PartyHeader, ProgrammeHeader } from '../folds/headers';
import { committedCents, type SpendingState } from '../folds/spending';
import type { LedgerFact } from '../model/ledger-fact';
import type { SpendingKind } from '../model/movement';
import { catalogueFor, taakveldFor, type Iv3Catalogue } from '../reports/rules/iv3-catalogue';
import { money } from '../model/money';
import { entityOf, FLAG_DESCRIPTIONS, type Finding } from './finding';
import { passes, thresholdFor, valueOverTerm, type ProcurementThreshold, type ProcurementThresholds } from './procurement-thresholds';
import { derived, thresholdDetail } from './derived';
import { FLAG_EXCESS } from './excess';
import { splitPurchases, type OrderParts } from './split-purchases';
import type { FindingRules } from './rules';
import type { EventReference } from '../queries/evidence';

/** What a finding is about: the unit of recomputation. */
export type Subject = string;

export const subjects = {
  budget: (id: string) => `budget:${id}`,
  line: (budgetId: string, lineId: string) => `line:${budgetId}:${lineId}`,
  /** A decision written to two streams, by its origin event's position. */
  mirror: (position: number) => `mirror:${position}`,
  contract: (id: string) => `contract:${id}`,
  /** A spending event for a programme: after its end, a finding of its own. */
  spent: (programmeId: string, position: number) => `spent:${programmeId}:${position}`,
  entity: (unitId: string) => `entity:${unitId}`,
  supplier: (partyId: string) => `supplier:${partyId}`,
  event: (position: number) => `event:${position}`,
};

/** An event's net change to a running total (committed), in business order. */
export interface Step {
  readonly position: number;
  readonly date: string;
  readonly deltaCents: number;
  /** The grant, purchase or expense whose commitment moved. */
  readonly unitId: string;
}

/** How many events a finding names beyond the limit's own: the first ones to go past it and the last. */
export const OFFENDING_NAMED_MAX = 20;

/**
 * The steps that committed more while the running total was above a limit, in business order:
 * the first few (the first is the one that broke it), the last, and how many there are.
 */
export interface Beyond {
  readonly first: readonly Step[];
  readonly last: Step | null;
  readonly count: number;
}

/**
 * What each step still commits once later decreases of the same entity are taken off its earlier
 * increases, the latest first: an order cancelled, or reduced, never committed what it took back.
 * A decrease with nothing of its entity before it stays a decrease. Steps in business order.
 */
export function netByEntity(steps: Iterable<Step>): Step[] {
  const netted: Step[] = [];
  const increases = new Map<string, number[]>();
  for (const step of steps) {
    if (step.deltaCents >= 0) {
      increases.set(step.unitId, [...(increases.get(step.unitId) ?? []), netted.length]);
      netted.push(step);
      continue;
    }
    let remaining = -step.deltaCents;
    const earlier = increases.get(step.unitId) ?? [];
    for (let i = earlier.length - 1; i >= 0 && remaining > 0; i -= 1) {
      const increase = netted[earlier[i]];
      const taken = Math.min(increase.deltaCents, remaining);
      netted[earlier[i]] = { ...increase, deltaCents: increase.deltaCents - taken };
      remaining -= taken;
    }
    netted.push({ ...step, deltaCents: -remaining });
  }
  return netted;
}

/**
 * Walks the steps in business order against a limit, each entity's decreases taken off its
 * increases; with a window, only what is dated within it counts (a contract's term).
 */
export function walkBeyond(steps: Iterable<Step>, limitCents: number, window?: Window): Walked {
  let running = 0;
  const first: Step[] = [];
  let last: Step | null = null;
  let count = 0;
  let lastKey: Walked['lastKey'] = null;
  for (const step of netByEntity(steps)) {
    if (window && !within(step, window)) continue;
    running += step.deltaCents;
    lastKey = { date: step.date, position: step.position };
    if (step.deltaCents <= 0 || running <= limitCents) continue;
    count += 1;
    if (first.length < OFFENDING_NAMED_MAX) first.push(step);
    last = step;
  }
  return { first, last, count, runningCents: running, lastKey };
}

/** A walk's result, with where it ended: enough to carry on from when steps come in order. */
export interface Walked extends Beyond {
  readonly runningCents: number;
  readonly lastKey: { readonly date: string; readonly position: number } | null;
}

/** Dates from and to, both within: a contract's term. */
export interface Window {
  readonly from: string;
  readonly to: string;
}

export function within(step: { readonly date: string }, window: Window): boolean {
  return step.date >= window.from && step.date <= window.to;
}

/** What has a limit that spending can go past. */
export type LimitedKind = 'budget' | 'contract' | 'line';

export interface Order {
  readonly streamId: string;
  readonly openedPosition: number;
  readonly openedOn: string;
  readonly committedCents: number;
  readonly budgetId: string | null;
  /** What is bought: a purchase, or the kind of an expense (hired staff, operating costs, ...). */
  readonly serviceKind: SpendingKind;
}


/** What was called off under a contract: committed, and the budgets the call-offs were charged to. */
export interface CalledOff {
  readonly committedCents: number;
  readonly budgetIds: readonly string[];
}

/** Sums a contract's call-offs by the budget they were charged to: a budget is charged while its call-offs add up to more than nothing. */
export function calledOffOf(rows: Iterable<{ readonly budgetId: unknown; readonly committedCents: number }>): CalledOff {
  const byBudget = new Map<string, number>();
  let committedCents = 0;
  for (const row of rows) {
    committedCents += row.committedCents;
    if (typeof row.budgetId === 'string' && row.budgetId !== '') byBudget.set(row.budgetId, (byBudget.get(row.budgetId) ?? 0) + row.committedCents);
  }
  const budgetIds = [...byBudget].filter(([, cents]) => cents > 0).map(([budgetId]) => budgetId).sort();
  return { committedCents, budgetIds };
}

export interface FindingInputs {
  /** The budget's current amount (its limit) and what is committed on it; undefined if unknown. */
  budgetFigures(budgetId: string): { readonly limitCents: number; readonly chargedCents: number } | undefined;
  /** An allocation line's amount (what was allocated to it) and what is committed on it. */
  lineFigures(budgetId: string, lineId: string): { readonly limitCents: number; readonly chargedCents: number } | undefined;
  /** What went past a limit, walked in business order (only what is dated in `window`, if given); a line's id is `budgetId:lineId`. */
  beyond(on: LimitedKind, id: string, limitCents: number, window?: Window): Beyond;
  /** How many mirrors the event at `position` names in its outbox, and how many are in the journal. */
  mirrors(position: number): { readonly expected: number; readonly present: number } | undefined;
  /** The events that set a budget's amount: fundings, amendments, transfers. */
  limitEvents(budgetId: string): number[];
  /** The allocations that set a line's amount. */
  allocationEvents(budgetId: string, lineId: string): number[];
  contract(contractId: string): ContractHeader | undefined;
  /** What was called off under a contract, and the budgets it was charged to (sorted). */
  calledOff(contractId: string, supplierPartyId: string): CalledOff;
  /** What each event called off under a contract dated before `from` or after `to` (its increases), in business order. */
  calledOffOutside(contractId: string, from: string, to: string): Step[];
  programme(programmeId: string): ProgrammeHeader | undefined;
  party(partyId: string): PartyHeader | undefined;
  /** A grant or purchase as folded from its visible events. */
  spending(unitId: string): SpendingState | undefined;
  /** The groups (buyer, year, kind of service) of a supplier's orders and procured expenses outside any contract, each with its latest order's date. */
  supplierOrderGroups(supplierPartyId: string): { readonly key: string; readonly lastOn: string }[];
  /** The orders of one such group that are parts under a threshold. */
  supplierOrderParts(supplierPartyId: string, key: string, threshold: ProcurementThreshold): OrderParts;
  /** The contracts awarded to a supplier. */
  supplierContracts(supplierPartyId: string): ContractHeader[];
  budget(budgetId: string): BudgetHeader | undefined;
  /** The position of the budget's opening, as the cut sees it. */
  budgetOpening(budgetId: string): number | undefined;
  budgetOwner(budgetId: string): string | null;
  fact(position: number): LedgerFact | undefined;
  /** An entity's facts the cut sees, in business order. */
  unitFacts(unitId: string): LedgerFact[];
  /** What of its entity's excess (excess.ts) the flag on this event stands for: nothing, and it is no finding. */
  flagPart(fact: LedgerFact, flag: Flag): number;
  references(positions: readonly number[]): EventReference[];
}

export function deriveFindings(subject: Subject, inputs: FindingInputs, rules: FindingRules): Finding[] {
  const [kind, id] = [subject.slice(0, subject.indexOf(':')), subject.slice(subject.indexOf(':') + 1)];
  const thresholds = rules.procurement;
  switch (kind) {
    case 'event':
      return flagFindings(Number(id), inputs);
    case 'budget':
      return [...budgetOverrun(id, inputs), ...taakveldUnknown(id, inputs, rules.taakvelden)];
    case 'line':
      return lineOverrun(id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1), inputs);
    case 'mirror':
      return mirrorMissing(Number(id), inputs);
    case 'contract': {
      const contract = inputs.contract(id);
      if (!contract) return [];
      // What lies outside the term is read once: it is a finding of its own and is left out of the ceiling's walk.
      const outside = outsideTerm(id, contract, inputs);
      return [...callOffsAboveCeiling(id, contract, outside, inputs), ...callOffsOutsideTerm(id, contract, outside, inputs), ...procedureTooLight(id, inputs, thresholds)];
    }
    case 'spent':
      return spendingAfterProgrammeEnd(id.slice(0, id.lastIndexOf(':')), Number(id.slice(id.lastIndexOf(':') + 1)), inputs);
    case 'entity':
      return [...paymentsWithoutCommitment(id, inputs), ...aboveCommitment(id, inputs)];
    case 'supplier':
      return splitPurchases(id, inputs, thresholds);
    default:
      throw new Error(`no findings about ${subject}`);
  }
}

/** The events a finding names of what went past a limit: the first few and the last. */
function named(beyond: Beyond): Step[] {
  return beyond.last && !beyond.first.includes(beyond.last) ? [...beyond.first, beyond.last] : [...beyond.first];
}

/**
 * The flags stored on an event, each a finding while it is one: a flag with an amount past a limit
 * (paid above what was invoiced, granted, ...) only while its part of its entity's excess, as the
 * cut sees the entity, is above zero (excess.ts), as any other finding about money past a limit.
 */
function flagFindings(position: number, inputs: FindingInputs): Finding[] {
  const fact = inputs.fact(position);
  const data = fact?.data as { flags?: Flag[]; amountCents?: number; settledAmountCents?: number } | undefined;
  if (!fact || !data?.flags) return [];
  const [reference] = inputs.references([position]);
  const flags = data.flags.filter((flag) => !ABOVE_COMMITMENT.has(flag));
  return flags.filter((flag) => !FLAG_EXCESS[flag] || inputs.flagPart(fact, flag) > 0).map((flag) => ({
    id: `${flag}:${fact.eventId}`,
    kind: flag,
    origin: 'flag' as const,
    description: FLAG_DESCRIPTIONS[flag] ?? flag,
    entity: entityOf(fact.streamId),
    date: fact.effectiveDate,
    detail: {
      eventType: fact.type,
      ...(typeof data.amountCents === 'number' ? { amount: money(data.amountCents) } : {}),
      ...(typeof data.settledAmountCents === 'number' ? { settledAmount: money(data.settledAmountCents) } : {}),
    },
    events: [reference],
  }));
}

function budgetOverrun(budgetId: string, inputs: FindingInputs): Finding[] {
  const figures = inputs.budgetFigures(budgetId);
  // Nothing charged is no overrun, even on a budget amended below zero (that is its own flag).
  if (!figures || figures.chargedCents <= 0 || figures.chargedCents <= figures.limitCents) return [];
  const beyond = inputs.beyond('budget', budgetId, figures.limitCents);
  return [
    derived(inputs, 'budget-overrun', budgetId, `budget-${budgetId}`, named(beyond), inputs.limitEvents(budgetId), {
      budgetId,
      currentAmount: money(figures.limitCents),
      charged: money(figures.chargedCents),
      overrun: money(figures.chargedCents - figures.limitCents),
      offendingEvents: beyond.count,
    }),
  ];
}

/** An allocation line with more committed on it than was allocated to it. */
function lineOverrun(budgetId: string, lineId: string, inputs: FindingInputs): Finding[] {
  const figures = inputs.lineFigures(budgetId, lineId);
  if (!figures || figures.chargedCents <= 0 || figures.chargedCents <= figures.limitCents) return [];
  const beyond = inputs.beyond('line', `${budgetId}:${lineId}`, figures.limitCents);
  return [
    derived(inputs, 'line-overrun', `${budgetId}:${lineId}`, `budget-${budgetId}`, named(beyond), inputs.allocationEvents(budgetId, lineId), {
      budgetId,
      lineId,
      allocated: money(figures.limitCents),
      charged: money(figures.chargedCents),
      overrun: money(figures.chargedCents - figures.limitCents),
      offendingEvents: beyond.count,
    }),
  ];
}

/**
 * A decision written to two streams (a transfer, a contract award, the reversal of either) whose
 * second side is not in the journal at the cut: until the outbox is completed, the ledger shows
 * money leaving one budget and arriving nowhere.
 */
function mirrorMissing(position: number, inputs: FindingInputs): Finding[] {
  const mirrors = inputs.mirrors(position);
  const fact = mirrors && mirrors.present < mirrors.expected ? inputs.fact(position) : undefined;
  if (!mirrors || !fact) return [];
  const amountCents = (fact.data as { amountCents?: number }).amountCents;
  return [
    derived(inputs, 'mirror-missing', fact.eventId, fact.streamId, [{ position, date: fact.effectiveDate }], [], {
      eventType: fact.type,
      mirrorsExpected: mirrors.expected,
      mirrorsPresent: mirrors.present,
      ...(typeof amountCents === 'number' ? { amount: money(amountCents) } : {}),
    }),
  ];
}

/**
 * Call-offs within the contract's term that add up to more than its ceiling. What was called off
 * outside the term was not bought under the contract (its own finding, callOffsOutsideTerm) and
 * does not count against the ceiling: the same money is never an afwijking twice.
 */
function callOffsAboveCeiling(contractId: string, contract: ContractHeader, outside: OutsideTerm, inputs: FindingInputs): Finding[] {
  const calledOff = inputs.calledOff(contractId, contract.supplierPartyId);
  const withinCents = calledOff.committedCents - outside.totalCents;
  if (withinCents <= contract.ceilingCents) return [];
  const beyond = inputs.beyond('contract', contractId, contract.ceilingCents, outside.term);
  return [
    derived(inputs, 'call-off-above-ceiling', contractId, `contract-${contractId}`, named(beyond), contract.basis, {
      contractId,
      supplierPartyId: contract.supplierPartyId,
      ceiling: money(contract.ceilingCents),
      calledOff: money(withinCents),
      excess: money(withinCents - contract.ceilingCents),
      offendingEvents: beyond.count,
      budgetIds: calledOff.budgetIds,
    }),
  ];
}

interface OutsideTerm {
  readonly term: Window;
  /** The increases dated outside the term of the orders that still commit something of them. */
  readonly steps: readonly Step[];
  /** Per order: what it still commits (now), up to what it called off outside the term. */
  readonly byUnit: ReadonlyMap<string, { readonly cents: number; readonly budgetId: string | null }>;
  readonly totalCents: number;
}

/**
 * The days a contract covers call-offs, both within: from its term's start or its award, whichever
 * is later, to its end as amended in time or the day it was ended, whichever is earlier.
 */
export function coveredTerm(contract: ContractHeader): Window {
  const from = contract.awardedOn > contract.termStart ? contract.awardedOn : contract.termStart;
  const to = contract.endedOn !== null && contract.endedOn < contract.coveredUntil ? contract.endedOn : contract.coveredUntil;
  return { from, to };
}

/**
 * What was called off under a contract outside its term: before it starts or before the contract
 * was awarded (an order placed before there was a contract was not bought under it), after its
 * end as amended in time, or after the day it was ended.
 */
function outsideTerm(contractId: string, contract: ContractHeader, inputs: FindingInputs): OutsideTerm {
  const term = coveredTerm(contract);
  const steps = inputs.calledOffOutside(contractId, term.from, term.to);
  const increases = new Map<string, number>();
  for (const step of steps) increases.set(step.unitId, (increases.get(step.unitId) ?? 0) + step.deltaCents);
  const byUnit = new Map<string, { cents: number; budgetId: string | null }>();
  for (const [unitId, cents] of increases) {
    const spending = inputs.spending(unitId);
    const still = spending ? Math.min(cents, committedCents(spending)) : 0;
    if (still > 0) byUnit.set(unitId, { cents: still, budgetId: spending?.budgetId ?? null });
  }
  const totalCents = [...byUnit.values()].reduce((sum, unit) => sum + unit.cents, 0);
  return { term, steps: steps.filter((step) => byUnit.has(step.unitId)), byUnit, totalCents };
}

/**
 * Call-offs dated outside the contract's term: before it starts or before the award, or after it
 * ends (its end as amended in time, or the day the contract was ended if that came first; the last
 * day counts as within, as a programme's end day does). Such an order was not bought under the
 * contract. Each order
 * counts with what it still commits (cancelled or reduced since: less), up to what it called off
 * outside the term, and how much of it each budget was charged.
 */
function callOffsOutsideTerm(contractId: string, contract: ContractHeader, outside: OutsideTerm, inputs: FindingInputs): Finding[] {
  if (outside.steps.length === 0) return [];
  const byBudget = new Map<string, number>();
  for (const { cents, budgetId } of outside.byUnit.values()) byBudget.set(budgetId ?? '', (byBudget.get(budgetId ?? '') ?? 0) + cents);
  const budgetIds = [...byBudget.keys()].filter((budgetId) => budgetId !== '').sort();
  const offending = outside.steps;
  const named = offending.length > OFFENDING_NAMED_MAX ? [...offending.slice(0, OFFENDING_NAMED_MAX), offending[offending.length - 1]] : offending;
  return [
    derived(inputs, 'call-off-outside-term', contractId, `contract-${contractId}`, named, contract.basis, {
      contractId,
      supplierPartyId: contract.supplierPartyId,
      termStart: contract.termStart,
      termEnd: contract.termEnd,
      awardedOn: contract.awardedOn,
      endedOn: contract.endedOn,
      // The days call-offs were bought under the contract; an extension agreed after the term had ended does not count.
      coveredFrom: outside.term.from,
      coveredUntil: outside.term.to,
      extendedAfterEndOn: contract.extendedAfterEndOn,
      calledOffOutside: money(outside.totalCents),
      offendingEvents: offending.length,
      // The budgets these call-offs were charged to (the finding is theirs too: links.ts), and how
      // much of calledOffOutside each, in the same order: the years a register counts it in.
      budgetIds,
      calledOffOutsideByBudget: budgetIds.map((budgetId) => money(byBudget.get(budgetId)!)),
    }),
  ];
}

function procedureTooLight(contractId: string, inputs: FindingInputs, thresholds: ProcurementThresholds): Finding[] {
  const contract = inputs.contract(contractId);
  if (!contract || contract.procedure === '') return [];
  const valueCents = valueOverTerm(contract.ceilingCents, contract.termStart, contract.termEnd, contract.optionMonths);
  // The threshold in force when the contract was awarded: the law of that date governs it.
  const threshold = thresholdFor(thresholds, contract.procedure, contract.awardedOn);
  if (!threshold || !passes(valueCents, threshold)) return [];
  const basis = inputs.references(contract.basis).map((e) => ({ position: e.position, date: e.effectiveDate }));
  return [
    derived(inputs, 'procedure-too-light', contractId, `contract-${contractId}`, basis, [], {
      contractId,
      procedure: contract.procedure,
      ceiling: money(contract.ceilingCents),
      termStart: contract.termStart,
      termEnd: contract.termEnd,
      optionMonths: contract.optionMonths,
      valueOverTermWithOptions: money(valueCents),
      ...thresholdDetail(threshold),
      // The budgets its call-offs were charged to: the finding is theirs too (links.ts).
      budgetIds: inputs.calledOff(contractId, contract.supplierPartyId).budgetIds,
    }),
  ];
}


/**
 * A budget on a taakveld the Iv3 catalogue in force for its fiscal year does not list (or a year
 * no catalogue covers): its lasten and baten have no place in that year's Iv3 matrix until the
 * taakveld is corrected, so it is shown, never put in a bucket of its own.
 */
function taakveldUnknown(budgetId: string, inputs: FindingInputs, catalogue: Iv3Catalogue): Finding[] {
  const budget = inputs.budget(budgetId);
  if (!budget || taakveldFor(catalogue, budget.taakveld, budget.fiscalYear)) return [];
  // It arises when the budget is opened, and is dated by it: on a date before, an answer knows the
  // budget (as every answer does) but the finding is not yet one (it had no date, and `on` and `year` missed it).
  const opening = inputs.budgetOpening(budgetId);
  if (opening === undefined) return [];
  const version = catalogueFor(catalogue, budget.fiscalYear);
  return [
    derived(inputs, 'taakveld-unknown', budgetId, `budget-${budgetId}`, [{ position: opening, date: budget.openedOn }], [], {
      budgetId,
      ownerPartyId: budget.ownerPartyId,
      fiscalYear: budget.fiscalYear,
      taakveld: budget.taakveld,
      catalogueId: version?.id ?? null,
      reason: version ? `the Iv3 catalogue ${version.id} does not list taakveld ${budget.taakveld}` : `no Iv3 catalogue covers ${budget.fiscalYear}`,
    }),
  ];
}

const SPENDING_TYPES: ReadonlySet<string> = new Set(['GrantAwarded', 'GrantAdvancePaid', 'TrajectoriesPurchased', 'PurchasePaid', 'ExpenseCommitted', 'ExpenseCommitmentRaised', 'ExpensePaid', 'ExpenseBooked']);

/**
 * An expense's invoices or payments above its commitment, against the commitment as it stands (its
 * own and every raise the cut sees), not as it stood when each was recorded: a raise recorded after
 * a payment, or one taken back, changes what went past. The flags the decider stored say what it
 * saw then; these findings say what the cut sees. Each names the events that took the running total
 * past the commitment, in business order, and is known by the first of them (as its flag was).
 */
const ABOVE_COMMITMENT: ReadonlySet<Flag> = new Set(['invoiced-above-committed', 'paid-above-committed']);

function aboveCommitment(unitId: string, inputs: FindingInputs): Finding[] {
  const entity = inputs.spending(unitId);
  if (!entity || entity.category !== 'expense' || entity.openedAt === null) return [];
  // Only an expense opened by a commitment has one to pass (a booking is paid as it is booked).
  const opening = inputs.fact(entity.openedAt);
  if (opening?.type !== 'ExpenseCommitted' && opening?.type !== 'ExpenseCommitmentRaised') return [];
  const facts = inputs.unitFacts(unitId);
  const committedCents = facts.reduce((sum, f) => (f.type === 'ExpenseCommitted' || f.type === 'ExpenseCommitmentRaised' ? sum + f.data.amountCents : sum), 0);
  return [
    passed(inputs, 'invoiced-above-committed', facts.filter((f) => f.type === 'ExpenseInvoiced'), committedCents),
    passed(inputs, 'paid-above-committed', facts.filter((f) => f.type === 'ExpensePaid'), committedCents),
  ].flatMap((finding) => (finding ? [finding] : []));
}

function passed(inputs: FindingInputs, kind: Flag, events: readonly LedgerFact[], committedCents: number): Finding | undefined {
  let runningCents = 0;
  const past: LedgerFact[] = [];
  for (const event of events) {
    runningCents += (event.data as { amountCents: number }).amountCents;
    if (runningCents > committedCents) past.push(event);
  }
  if (past.length === 0) return undefined;
  const named = past.length > OFFENDING_NAMED_MAX ? [...past.slice(0, OFFENDING_NAMED_MAX), past[past.length - 1]] : past;
  return {
    id: `${kind}:${past[0].eventId}`,
    kind,
    origin: 'derived',
    description: FLAG_DESCRIPTIONS[kind],
    entity: entityOf(past[0].streamId),
    date: past[past.length - 1].effectiveDate,
    detail: { eventType: past[0].type, committed: money(committedCents), total: money(runningCents), excess: money(runningCents - committedCents), count: past.length },
    events: inputs.references(named.map((f) => f.position)),
  };
}

/** A grant or purchase awarded, ordered or paid for a programme after the programme ended. */
function spendingAfterProgrammeEnd(programmeId: string, position: number, inputs: FindingInputs): Finding[] {
  const end = inputs.programme(programmeId)?.ended;
  const fact = end ? inputs.fact(position) : undefined;
  if (!end || !fact || !SPENDING_TYPES.has(fact.type) || fact.effectiveDate <= end.on) return [];
  const data = fact.data as { amountCents?: number; totalCents?: number };
  return [
    derived(inputs, 'spending-after-programme-end', fact.eventId, fact.streamId, [{ position: fact.position, date: fact.effectiveDate }], [end.position], {
      programmeId,
      endedOn: end.on,
      eventType: fact.type,
      amount: money(data.amountCents ?? data.totalCents ?? 0),
    }),
  ];
}

/**
 * Payments folded before any award or order of their entity: none is visible, or the one there is
 * dated after the payment (money paid before it was committed).
 */
function paymentsWithoutCommitment(unitId: string, inputs: FindingInputs): Finding[] {
  const entity = inputs.spending(unitId);
  if (!entity || entity.paidBeforeOpened.length === 0) return [];
  const opening = entity.openedAt === null ? undefined : inputs.fact(entity.openedAt);
  return entity.paidBeforeOpened.flatMap((position) => {
    const fact = inputs.fact(position);
    if (!fact || (fact.type !== 'GrantAdvancePaid' && fact.type !== 'PurchasePaid' && fact.type !== 'ExpensePaid')) return [];
    return [
      derived(inputs, 'payment-without-commitment', fact.eventId, fact.streamId, [{ position, date: fact.effectiveDate }], opening ? [opening.position] : [], {
        eventType: fact.type,
        amount: money(fact.data.amountCents),
        committedOn: opening?.effectiveDate ?? null,
      }),
    ];
  });
}
